import { relative, sep } from 'node:path';
import { toJsonPointer } from '../document/json-pointer.js';
import { ruleDocumentationUrl } from '../documentation.js';
import type { ActiveRule } from '../engine.js';
import type { LintRuleset } from '../lint.js';
import { findBuiltInRule } from '../rules/index.js';
import { type AnyRule, type JsonPath, SEVERITY_BY_NAME, type Severity, type SeverityName } from '../types.js';

export type Setting = SeverityName | 'off';

export interface Override {
  /** Globs relative to the ruleset file, each with an optional JSON pointer. */
  files: { match: (path: string) => boolean; pointer: string | undefined }[];
  folder: string;
  settings: Map<string, Setting>;
}

/** What a ruleset (with everything it extends) amounts to. */
export interface ResolvedRuleset {
  known: Map<string, AnyRule>;
  settings: Map<string, Setting>;
  overrides: Override[];
  documentationUrls: Map<string, string>;
}

/** The engine's view of a resolved ruleset: the rules to run, and overrides applied to each finding. */
export function toLintRuleset(resolved: ResolvedRuleset): LintRuleset {
  const wanted = new Set<string>();
  for (const [id, setting] of resolved.settings) if (setting !== 'off') wanted.add(id);
  for (const override of resolved.overrides) {
    for (const [id, setting] of override.settings) if (setting !== 'off') wanted.add(id);
  }
  const rules: ActiveRule[] = [];
  for (const id of wanted) {
    const rule = resolved.known.get(id);
    if (!rule) continue;
    const setting = resolved.settings.get(id);
    rules.push({ rule, severity: setting && setting !== 'off' ? setting : rule.severity });
  }
  const lintRuleset: LintRuleset = {
    rules,
    documentationUrl: (id) =>
      resolved.documentationUrls.get(id) ?? (findBuiltInRule(id) ? ruleDocumentationUrl(id) : undefined),
  };
  const needsAdjusting = resolved.overrides.length > 0 || [...resolved.settings.values()].includes('off');
  if (needsAdjusting) {
    lintRuleset.adjustSeverity = (code, source, path, severity) =>
      adjust(resolved, code, source, path, severity);
  }
  return lintRuleset;
}

function adjust(
  resolved: ResolvedRuleset,
  code: string,
  source: string,
  path: JsonPath,
  severity: Severity,
): Severity | undefined {
  let setting: Setting | undefined = resolved.settings.get(code);
  if (setting === undefined) return severity;
  const findingSetting = setting === 'off' ? undefined : severity;
  let result: Severity | undefined = findingSetting;
  let pointer: string | undefined;
  for (const override of resolved.overrides) {
    const overridden = override.settings.get(code);
    if (overridden === undefined) continue;
    const file = relative(override.folder, source).split(sep).join('/');
    const applies = override.files.some((entry) => {
      if (!entry.match(file)) return false;
      if (entry.pointer === undefined) return true;
      pointer ??= toJsonPointer(path);
      return pointer === entry.pointer || pointer.startsWith(`${entry.pointer}/`);
    });
    if (applies) {
      setting = overridden;
      result = overridden === 'off' ? undefined : SEVERITY_BY_NAME[overridden];
    }
  }
  return result;
}
