import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, resolve as resolvePath } from 'node:path';
import { option, UserError, wording } from '../../errors.js';
import { outsideMessage, readableInside } from '../confine.js';
import { loadYamlWithinLimits } from '../document/yaml-aliases.js';
import type { LintRuleset } from '../lint.js';
import { findPreset, PRESET_IDS, presetSeverities } from '../presets.js';
import { builtInRules } from '../rules/index.js';
import { didYouMean } from '../rules/support/suggest.js';
import { type AnyRule, SEVERITY_BY_NAME } from '../types.js';
import {
  compileSpectralRule,
  parseFormats,
  RuleDefinitionError,
  type SpectralRuleDefinition,
} from './compile-rule.js';
import { type Override, type ResolvedRuleset, type Setting, toLintRuleset } from './resolved-ruleset.js';

// Glob matching is needed only by rulesets with `overrides`: loaded on first use.
const require = createRequire(import.meta.url);

/** A ruleset that cannot be used: exit code 2, with the file and what to change. */
export class RulesetError extends UserError {
  override readonly name = 'RulesetError';
}

export interface LoadRulesetOptions {
  /** A Spectral-style ruleset file (`.spectral.yaml`, `.spectral.yml`, `.spectral.json`). */
  file?: string;
  /** Presets or ruleset files to extend when there is no file (msctl.yaml `governance.extends`). */
  extends?: readonly string[];
  /** The folder `file` and the files in `extends` are relative to. */
  cwd: string;
  /** A folder, free of symlinks, that every ruleset file read must resolve inside (see `readableInside`). */
  confineReadsTo?: string | undefined;
}

/** Loads a Spectral-style ruleset into rules the engine runs, with `overrides` applied per finding. */
export async function loadRuleset(options: LoadRulesetOptions): Promise<LintRuleset> {
  let resolved: ResolvedRuleset;
  const presetName = options.file === undefined ? undefined : presetNameOf(options.file, options.cwd);
  if (presetName) {
    resolved = emptyRuleset();
    await applyExtends(resolved, [presetName], options.cwd, '--ruleset', new Set(), options.confineReadsTo);
  } else if (options.file) {
    resolved = await loadRulesetFile(
      resolvePath(options.cwd, options.file),
      new Set(),
      true,
      options.confineReadsTo,
    );
  } else {
    resolved = emptyRuleset();
    await applyExtends(
      resolved,
      options.extends ?? ['msctl:recommended'],
      options.cwd,
      'msctl.yaml governance',
      new Set(),
      options.confineReadsTo,
    );
  }
  return toLintRuleset(resolved);
}

/** How the presets are listed in errors, aliases included. */
const PRESET_LIST = PRESET_IDS.map((id) => (id === 'msctl:oas' ? 'msctl:oas (= spectral:oas)' : id)).join(
  ', ',
);

/**
 * The preset a ruleset "file" names (`--ruleset spectral:oas`), or undefined for a real file. A `scope:name`
 * that is neither a preset nor an existing file is an error that lists the presets, rather than a file not found.
 */
function presetNameOf(file: string, cwd: string): string | undefined {
  if (findPreset(file)) return file;
  if (!/^[\w@-]+:[\w.@-]+$/.test(file) || /^[a-z]:/i.test(file) || existsSync(resolvePath(cwd, file)))
    return undefined;
  const names = [...PRESET_IDS, 'spectral:oas'];
  const suggestion = didYouMean(file, names);
  throw new RulesetError(
    `"${file}" is not a preset msctl lint has, nor a ruleset file; the presets are ${PRESET_LIST}.`,
    `${suggestion ? `${suggestion.slice(2)} ` : ''}Pass a preset name, or the path of a .spectral.yaml file.`,
  );
}

function emptyRuleset(): ResolvedRuleset {
  return { known: new Map(), settings: new Map(), overrides: [], documentationUrls: new Map() };
}

async function loadRulesetFile(
  path: string,
  loading: Set<string>,
  isRoot: boolean,
  confineReadsTo: string | undefined,
): Promise<ResolvedRuleset> {
  if (confineReadsTo && !readableInside(confineReadsTo, path)) {
    throw new RulesetError(outsideMessage('The ruleset', path, confineReadsTo));
  }
  if (loading.has(path))
    throw new RulesetError(`Ruleset ${path} extends itself (through ${[...loading].join(' -> ')}).`);
  loading.add(path);
  const extension = extname(path).toLowerCase();
  if (['.js', '.mjs', '.cjs', '.ts'].includes(extension)) {
    throw new RulesetError(
      `${path} is a JavaScript ruleset; msctl lint reads YAML and JSON rulesets only.`,
      'Write the ruleset as .spectral.yaml; custom JavaScript functions are not supported.',
    );
  }
  let text: string;
  try {
    // Synchronous, as the documents are: node:fs/promises costs a run about 1 MB.
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RulesetError(
      `Cannot read the ruleset ${path}: ${(error as Error).message}.`,
      wording`Check the ${option('ruleset')} path.`,
    );
  }
  let document: unknown;
  try {
    document = extension === '.json' ? JSON.parse(text) : loadYamlWithinLimits(text);
  } catch (error) {
    throw new RulesetError(`The ruleset ${path} does not parse: ${(error as Error).message}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new RulesetError(`The ruleset ${path} must be a mapping with "extends" and/or "rules".`);
  }
  try {
    const resolved = await resolveDocument(
      document as Record<string, unknown>,
      path,
      loading,
      isRoot,
      confineReadsTo,
    );
    loading.delete(path);
    return resolved;
  } catch (error) {
    if (error instanceof RuleDefinitionError) {
      throw new RulesetError(
        `${path}: ${error.message}.`,
        'Fix the rule, or turn it off with `<rule-id>: off`.',
      );
    }
    throw error;
  }
}

async function resolveDocument(
  document: Record<string, unknown>,
  path: string,
  loading: Set<string>,
  isRoot: boolean,
  confineReadsTo: string | undefined,
): Promise<ResolvedRuleset> {
  const folder = dirname(path);
  const resolved = emptyRuleset();
  for (const unsupported of ['functions', 'functionsDir']) {
    if (document[unsupported] !== undefined) {
      throw new RulesetError(
        `${path}: "${unsupported}" (custom JavaScript functions) is not supported by msctl lint.`,
        'Use the core functions: truthy, falsy, defined, undefined, pattern, casing, enumeration, length, alphabetical, schema, xor, or.',
      );
    }
  }
  const extendsList =
    document.extends === undefined
      ? []
      : Array.isArray(document.extends) && !isModePair(document.extends)
        ? document.extends
        : [document.extends];
  await applyExtends(resolved, extendsList, folder, path, loading, confineReadsTo);

  const formats = parseFormats(document.formats, path);
  const aliases = readAliases(document.aliases, path);
  const rulesetUrl = typeof document.documentationUrl === 'string' ? document.documentationUrl : undefined;
  const rules = document.rules ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules))
    throw new RulesetError(`${path}: "rules" must be a mapping.`);
  for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
    applyRule(resolved, id, value, path, { formats, aliases, isRoot, rulesetUrl });
  }

  const overrides = document.overrides ?? [];
  if (!Array.isArray(overrides)) throw new RulesetError(`${path}: "overrides" must be a list.`);
  for (const [index, override] of overrides.entries()) {
    resolved.overrides.push(
      readOverride(resolved, override, folder, `${path} overrides[${index}]`, {
        formats,
        aliases,
        rulesetUrl,
      }),
    );
  }
  return resolved;
}

function isModePair(value: unknown[]): boolean {
  return (
    value.length === 2 &&
    typeof value[0] === 'string' &&
    ['all', 'recommended', 'off'].includes(String(value[1]))
  );
}

async function applyExtends(
  into: ResolvedRuleset,
  entries: readonly unknown[],
  folder: string,
  where: string,
  loading: Set<string>,
  confineReadsTo: string | undefined,
): Promise<void> {
  for (const entry of entries) {
    const [name, mode] = Array.isArray(entry)
      ? [String(entry[0]), String(entry[1] ?? 'recommended')]
      : [String(entry), 'recommended'];
    if (!['all', 'recommended', 'off'].includes(mode)) {
      throw new RulesetError(`${where}: extends mode "${mode}" must be recommended, all or off.`);
    }
    const preset = findPreset(name);
    if (preset) {
      for (const rule of builtInRules) into.known.set(rule.id, rule);
      const severities = presetSeverities(preset, mode === 'all');
      const members =
        preset === 'msctl:oas' ? builtInRules.filter((rule) => rule.family === 'oas') : builtInRules;
      for (const rule of members) {
        into.settings.set(
          rule.id,
          mode === 'off' ? 'off' : (severities.get(rule.id) ?? into.settings.get(rule.id) ?? 'off'),
        );
      }
      continue;
    }
    if (/^spectral:/.test(name)) {
      throw new RulesetError(`${where}: "${name}" is not a ruleset msctl lint has; it has ${PRESET_LIST}.`);
    }
    if (/^https?:\/\//.test(name) || (!/^[./]/.test(name) && !/\.(ya?ml|json)$/i.test(name))) {
      throw new RulesetError(
        `${where}: cannot extend "${name}": msctl lint extends presets and local ruleset files, not packages or URLs.`,
        'Download the ruleset into the repository and extend it by its relative path.',
      );
    }
    const child = await loadRulesetFile(resolvePath(folder, name), loading, false, confineReadsTo);
    for (const [id, rule] of child.known) into.known.set(id, rule);
    for (const [id, setting] of child.settings) {
      const rule = child.known.get(id);
      into.settings.set(
        id,
        mode === 'off' ? 'off' : mode === 'all' && setting === 'off' && rule ? rule.severity : setting,
      );
    }
    for (const [id, url] of child.documentationUrls) into.documentationUrls.set(id, url);
    into.overrides.push(...child.overrides);
  }
}

interface RuleDefaults {
  formats: ReturnType<typeof parseFormats>;
  aliases: Map<string, string[]>;
  rulesetUrl: string | undefined;
}

function applyRule(
  into: ResolvedRuleset,
  id: string,
  value: unknown,
  where: string,
  defaults: RuleDefaults & { isRoot: boolean },
): void {
  const setting = parseSetting(value, into.known.get(id), `${where} rule "${id}"`);
  if (setting !== undefined) {
    if (!into.known.has(id)) {
      throw new RulesetError(
        `${where}: rule "${id}" is not defined by this ruleset or by what it extends.`,
        'Extend msctl:oas (spectral:oas) or msctl:recommended to use built-in rules, or define the rule with given and then.',
      );
    }
    into.settings.set(id, setting);
    return;
  }
  const definition = value as SpectralRuleDefinition & { given?: unknown; then?: unknown };
  if (definition.given === undefined || definition.then === undefined) {
    // A partial object (`{ description, message }`) changes nothing msctl lint uses for a known rule.
    if (!into.known.has(id)) throw new RulesetError(`${where}: rule "${id}" needs "given" and "then".`);
    const severity = (definition as { severity?: unknown }).severity;
    if (severity !== undefined)
      into.settings.set(id, parseSetting(severity, into.known.get(id), `${where} rule "${id}"`) ?? 'off');
    return;
  }
  const severity =
    definition.severity === undefined
      ? 'warn'
      : parseSetting(definition.severity, undefined, `${where} rule "${id}"`);
  const rule = compileSpectralRule(
    id,
    definition,
    severity === 'off' || severity === undefined ? 'warn' : severity,
    {
      ...(defaults.formats ? { formats: defaults.formats } : {}),
      aliases: defaults.aliases,
    },
  );
  into.known.set(id, rule);
  into.settings.set(id, definition.recommended === false && !defaults.isRoot ? 'off' : (severity ?? 'warn'));
  const url =
    definition.documentationUrl ?? (defaults.rulesetUrl ? `${defaults.rulesetUrl}#${id}` : undefined);
  if (url) into.documentationUrls.set(id, url);
}

/** A severity as rulesets write it: a name, `off`, 0-3, -1, or a boolean (true: the rule's own severity). */
function parseSetting(value: unknown, rule: AnyRule | undefined, where: string): Setting | undefined {
  if (typeof value === 'boolean') return value ? (rule?.severity ?? 'warn') : 'off';
  if (typeof value === 'number') {
    if (value === -1) return 'off';
    const name = (['error', 'warn', 'info', 'hint'] as const)[value];
    if (!name) throw new RulesetError(`${where}: severity ${value} must be 0-3 or -1.`);
    return name;
  }
  if (typeof value === 'string') {
    if (value === 'off' || value in SEVERITY_BY_NAME) return value as Setting;
    if (value === 'warning') return 'warn';
    if (value === 'information') return 'info';
    throw new RulesetError(`${where}: severity "${value}" must be error, warn, info, hint or off.`);
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    if (object.given === undefined && object.then === undefined && object.severity !== undefined && rule) {
      return parseSetting(object.severity, rule, where);
    }
    return undefined;
  }
  throw new RulesetError(`${where}: expected a severity or a rule definition.`);
}

function readAliases(aliases: unknown, where: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  if (aliases === undefined) return result;
  if (typeof aliases !== 'object' || aliases === null)
    throw new RulesetError(`${where}: "aliases" must be a mapping.`);
  for (const [name, value] of Object.entries(aliases as Record<string, unknown>)) {
    if (Array.isArray(value)) result.set(name, value.map(String));
    else if (typeof value === 'string') result.set(name, [value]);
    else
      throw new RulesetError(
        `${where}: alias "${name}" must be a path or a list of paths (scoped aliases are not supported).`,
      );
  }
  return result;
}

function readOverride(
  into: ResolvedRuleset,
  value: unknown,
  folder: string,
  where: string,
  defaults: RuleDefaults,
): Override {
  if (typeof value !== 'object' || value === null)
    throw new RulesetError(`${where}: must be a mapping with "files" and "rules".`);
  const { files, rules, extends: extendsList } = value as Record<string, unknown>;
  if (extendsList !== undefined)
    throw new RulesetError(
      `${where}: "extends" inside overrides is not supported.`,
      'List the rules to change under "rules".',
    );
  if (!Array.isArray(files) || files.length === 0)
    throw new RulesetError(`${where}: "files" must be a non-empty list of globs.`);
  const settings = new Map<string, Setting>();
  for (const [id, rule] of Object.entries((rules ?? {}) as Record<string, unknown>)) {
    const known = into.known.get(id);
    const setting = parseSetting(rule, known, `${where} rule "${id}"`);
    if (setting === undefined) {
      // A rule defined only for these files: known everywhere, on only here.
      applyRule(into, id, rule, where, { ...defaults, isRoot: true });
      settings.set(id, into.settings.get(id) ?? 'warn');
      into.settings.set(id, 'off');
    } else {
      if (!known)
        throw new RulesetError(
          `${where}: rule "${id}" is not defined by this ruleset or by what it extends.`,
        );
      settings.set(id, setting);
    }
  }
  return {
    folder,
    settings,
    files: files.map((entry) => {
      const [glob, pointer] = String(entry).split('#', 2) as [string, string | undefined];
      return {
        match: (require('picomatch') as typeof import('picomatch'))(glob, { dot: true }),
        pointer: pointer === undefined || pointer === '' ? undefined : pointer,
      };
    }),
  };
}
