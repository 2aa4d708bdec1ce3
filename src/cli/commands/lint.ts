import { existsSync, globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { findWorkspaceFile } from '../../core/config/find.js';
import type { Workspace } from '../../core/config/load.js';
import { ExitCode, UserError } from '../../core/errors.js';
import { applyBaseline } from '../../core/lint/baseline.js';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/lint/document/read-source.js';
import { type FormatterName, formatFindings } from '../../core/lint/formatters/index.js';
import { displayPath } from '../../core/lint/formatters/shared.js';
import { type LintTarget, lintFiles, type ParsedSize } from '../../core/lint/lint.js';
import { type Finding, SEVERITY_BY_NAME, type SeverityName } from '../../core/lint/types.js';
import { resolveLintRuleset, serviceTargets } from '../../core/lint/workspace-targets.js';
import { plural } from '../../core/plural.js';
import { printable } from '../../core/printable.js';
import type { CommandContext } from '../context.js';
import { jsonForTerminal } from '../output.js';
import { packageVersion } from '../version.js';

// V8 flags of msctl lint, all here, each with what it was measured to buy (the four benchmark specs of
// docs/benchmarks.md and generated specs of 1k-105k $refs; src/core/lint/README.md has the numbers).
// Parsing a large description allocates its whole tree at once; letting V8's young generation grow with it
// (the default) costs 30-40% more peak memory and buys no speed.
setFlagsFromString('--semi-space-growth-factor=1');
// A lint run takes 0.2-1 s: TurboFan's background compiles cost 20-30% of its CPU time and 7-9 MB of peak memory
// (on two cores they also compete with the run), and do not pay back before it ends; Ignition, Sparkplug and
// Maglev remain. From 16 MB of text a run is long enough to repay them (45 MB: 11% less CPU time for 14 MB more),
// and TurboFan comes back (tuneToParsedSize).
setFlagsFromString('--no-turbofan');
const TURBOFAN_FROM_CHARACTERS = 16 * 1024 * 1024;
const DEFAULT_WIDTH = 80;

/** The V8 settings that depend on the input, once it is parsed (`afterParse` of the lint engine). */
function tuneToParsedSize(parsed: ParsedSize): void {
  if (parsed.characters >= TURBOFAN_FROM_CHARACTERS) setFlagsFromString('--turbofan');
}

export interface LintOptions {
  ruleset?: string;
  format: FormatterName;
  output?: string;
  failSeverity?: SeverityName;
  quiet?: boolean;
  verbose?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  allowRemote?: boolean;
  json?: boolean;
}

export async function run(context: CommandContext, files: string[], options: LintOptions): Promise<number> {
  const { cwd } = context;
  const workspace = await workspaceFor(context, files.length === 0);
  const targets: LintTarget[] =
    files.length > 0
      ? expandGlobs(files, cwd).map((file) => ({ file }))
      : serviceTargets(workspace as Workspace);
  const governance = workspace?.config.governance;
  const ruleset = await resolveLintRuleset({ rulesetFile: options.ruleset, workspace, cwd });
  const failSeverity = options.failSeverity ?? governance?.failSeverity ?? 'error';
  const timings = process.env.MSCTL_LINT_TIMING === '1' ? new Map<string, number>() : undefined;
  const result = await lintFiles(targets, {
    ruleset,
    cwd,
    allowRemote: options.allowRemote === true,
    maxFileBytes: maxFileBytes(),
    afterParse: tuneToParsedSize,
    ...(timings ? { timings } : {}),
  });
  if (timings) {
    const slowest = [...timings].sort((left, right) => right[1] - left[1]).slice(0, 15);
    context.output.error(
      slowest.map(([id, milliseconds]) => `${milliseconds.toFixed(1).padStart(9)} ms  ${id}`).join('\n'),
    );
  }

  let findings = result.findings;
  const baselineFile =
    options.baseline ??
    (governance?.baseline && workspace ? join(workspace.root, governance.baseline) : undefined);
  const notes: string[] = [];
  if (baselineFile) {
    const outcome = await applyBaseline({
      file: resolve(cwd, baselineFile),
      update: options.updateBaseline === true,
      findings,
      sources: result.sources,
      cwd,
    });
    findings = outcome.findings;
    if (outcome.recorded !== undefined) {
      notes.push(
        `Baseline ${baselineFile} now holds the ${plural(outcome.recorded, 'current finding')} of the linted files.`,
      );
    }
    if (outcome.known > 0) notes.push(`${plural(outcome.known, 'known finding')} hidden by the baseline.`);
    if (outcome.fixed > 0) {
      notes.push(
        `${plural(outcome.fixed, 'baseline entry is', 'baseline entries are')} fixed; run with --update-baseline to prune them.`,
      );
    }
  } else if (options.updateBaseline) {
    throw new UserError(
      '--update-baseline needs a baseline file.',
      'Pass --baseline <file> (it is created if missing).',
    );
  }

  const threshold = SEVERITY_BY_NAME[failSeverity];
  const shown = options.quiet ? findings.filter((finding) => finding.severity <= threshold) : findings;
  const text = options.json
    ? jsonForTerminal(machineReadable(shown, result.failures, result.sources, cwd))
    : formatFindings(options.format, {
        findings: shown,
        failures: result.failures,
        documents: targets.length,
        cwd,
        verbose: options.verbose === true,
        color: options.output === undefined && context.output.colored,
        // A report written to a file has no width to fit; a terminal or a pipe gets 80 columns unless told.
        width: options.output === undefined ? (context.output.width ?? DEFAULT_WIDTH) : undefined,
        sourceText: (source) => (existsSync(source) ? readFileSync(source, 'utf8') : undefined),
        ruleDescriptions: new Map(ruleset.rules.map(({ rule }) => [rule.id, rule.description])),
        toolVersion: packageVersion(),
      });

  if (options.output) {
    const path = resolve(cwd, options.output);
    // Synchronous: node:fs/promises would cost every run about 1 MB for this one write.
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${text}\n`);
  } else if (text !== '') {
    context.output.print(text);
  }
  // Stylish shows unreadable documents itself; machine formats keep stdout parseable and say it on stderr.
  if (options.json || options.format !== 'stylish' || options.output) {
    for (const failure of result.failures) {
      context.output.error(`${context.output.color.red('error')} ${printable(failure.message)}`);
      if (failure.hint) context.output.error(printable(failure.hint));
    }
  }
  if (!options.quiet) for (const note of notes) context.output.error(note);

  if (result.failures.length > 0) return ExitCode.couldNotRun;
  return findings.some((finding) => finding.severity <= threshold) ? ExitCode.problemsFound : ExitCode.ok;
}

/** The workspace, when there is one: required without file arguments, used for its `governance` otherwise. */
async function workspaceFor(context: CommandContext, required: boolean): Promise<Workspace | undefined> {
  if (!required && !context.configFile && !findWorkspaceFile(context.cwd)) return undefined;
  // Imported only here: the workspace loader (zod, yaml) is a quarter of the memory of a lint run on a 1 MB spec.
  const { loadWorkspace } = await import('../../core/config/load.js');
  return loadWorkspace({ configFile: context.configFile, cwd: context.cwd });
}

/**
 * Files as given, and quoted globs (`"specs/**\/*.yaml"`, as Spectral takes them in CI configs) expanded. A glob that
 * matches nothing is an error: a CI job that lints nothing must not pass.
 */
function expandGlobs(patterns: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!/[*?[\]{}]/.test(pattern) || existsSync(resolve(cwd, pattern))) {
      files.push(resolve(cwd, pattern));
      continue;
    }
    const matches = globSync(pattern, { cwd })
      .map((match) => resolve(cwd, match))
      .sort();
    if (matches.length === 0) {
      throw new UserError(
        `No file matches ${pattern}.`,
        'Check the pattern; quote it so that the shell does not expand it.',
      );
    }
    files.push(...matches);
  }
  return [...new Set(files)];
}

function maxFileBytes(): number {
  const configured = process.env.MSCTL_LINT_MAX_FILE_SIZE;
  if (configured === undefined || configured === '') return DEFAULT_MAX_FILE_BYTES;
  const bytes = Number(configured);
  if (!Number.isInteger(bytes) || bytes <= 0) {
    throw new UserError(`MSCTL_LINT_MAX_FILE_SIZE must be a number of bytes, not "${configured}".`);
  }
  return bytes;
}

/** `--json`: findings with everything msctl knows about them, and the documents that could not be linted. */
function machineReadable(
  findings: readonly Finding[],
  failures: readonly UserError[],
  sources: readonly string[],
  cwd: string,
) {
  const counts = { error: 0, warn: 0, info: 0, hint: 0 };
  for (const finding of findings) counts[(['error', 'warn', 'info', 'hint'] as const)[finding.severity]]++;
  return {
    findings: findings.map((finding) => ({ ...finding, file: displayPath(finding.source, cwd) })),
    failures: failures.map((failure) => ({
      source: (failure as { source?: string }).source,
      message: failure.message,
      hint: failure.hint,
    })),
    files: sources.map((source) => displayPath(source, cwd)),
    summary: counts,
  };
}
