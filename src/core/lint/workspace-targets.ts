import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { LintRuleset, LintTarget } from './lint.js';
import { loadRuleset } from './ruleset/load-ruleset.js';

/** What linting needs of a workspace; structural, so that the engine does not depend on the config loader. */
export interface LintWorkspace {
  file: string;
  root: string;
  config: {
    services: Record<string, { path: string; api?: string | undefined }>;
    governance: { extends: readonly string[]; ruleset?: string | undefined };
  };
}

/** Spectral's own file names, picked up from the working directory when nothing else names a ruleset. */
const SPECTRAL_RULESET_FILES = ['.spectral.yaml', '.spectral.yml', '.spectral.json'];

/** Every service's `api`, named by its service. */
export function serviceTargets(workspace: LintWorkspace): LintTarget[] {
  const targets = Object.entries(workspace.config.services)
    .filter(([, service]) => service.api !== undefined)
    .map(([name, service]) => ({
      file: join(workspace.root, service.path, service.api as string),
      service: name,
    }));
  if (targets.length === 0) {
    throw new UserError(
      `No service in ${workspace.file} has an \`api\` to lint.`,
      'Set `api: openapi.yaml` on a service, or pass the files to lint: msctl lint openapi.yaml',
    );
  }
  return targets;
}

/**
 * The ruleset that applies: the one given, else `governance.ruleset`, else a `.spectral.yaml` in `cwd`; extended by
 * `governance.extends` (paths in it are relative to msctl.yaml, like every path there).
 */
export async function resolveLintRuleset(options: {
  rulesetFile?: string | undefined;
  workspace?: LintWorkspace | undefined;
  cwd: string;
  /** A folder, free of symlinks, that every ruleset file read must resolve inside. */
  confineReadsTo?: string | undefined;
}): Promise<LintRuleset> {
  const { workspace, cwd } = options;
  const governance = workspace?.config.governance;
  const file =
    options.rulesetFile ??
    (governance?.ruleset && workspace ? join(workspace.root, governance.ruleset) : undefined) ??
    SPECTRAL_RULESET_FILES.map((name) => join(cwd, name)).find((path) => existsSync(path));
  return loadRuleset({
    ...(file ? { file } : {}),
    ...(governance ? { extends: governance.extends } : {}),
    cwd: workspace && !file ? workspace.root : cwd,
    confineReadsTo: options.confineReadsTo,
  });
}
