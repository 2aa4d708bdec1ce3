// The fuzz tests' child process: runs one input at a time through the built config loader or linter and says how
// it ended. A child, so that the parent can bound each input's time (it kills a child that does not answer) and
// its memory (started with --max-old-space-size), and read a crash as a failure of that input.
import { reportError } from '../../dist/cli/run-cli.js';
import { loadWorkspace } from '../../dist/core/config/load.js';
import { workspaceSchema } from '../../dist/core/config/schema.js';
import { ConfigError, UserError } from '../../dist/core/errors.js';
import { DocumentError } from '../../dist/core/lint/document/read-source.js';
import { lintFiles, rulesetFromPreset } from '../../dist/core/lint/lint.js';
import { presetSeverities } from '../../dist/core/lint/presets.js';

/** Every built-in rule, so that each one meets the mutated data. */
const everyRule = rulesetFromPreset(presetSeverities('msctl:all'));

/** What the built-in prototypes hold before any input: an input that adds to them has polluted every object. */
const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype };
const pristine = Object.fromEntries(
  Object.entries(PROTOTYPES).map(([name, prototype]) => [name, Reflect.ownKeys(prototype).length]),
);

function pollution() {
  const changed = Object.entries(PROTOTYPES).filter(
    ([name, prototype]) => Reflect.ownKeys(prototype).length !== pristine[name],
  );
  return changed.length > 0
    ? `prototype pollution of ${changed.map(([name]) => name).join(', ')}`
    : undefined;
}

process.on('message', (request) => {
  if (request === 'exit') {
    process.disconnect();
    return;
  }
  const check = request.target === 'config' ? checkConfig : checkLint;
  check(request).then(
    (outcome) => {
      const polluted = pollution();
      process.send({ id: request.id, ...(polluted ? unexpected(polluted) : outcome) });
    },
    (error) => process.send({ id: request.id, outcome: 'unexpected', detail: describe(error) }),
  );
});

/** Valid (and still valid when validated again), or a UserError the CLI prints as exit 2 without a stack. */
async function checkConfig({ folder }) {
  try {
    const workspace = await loadWorkspace({ cwd: folder });
    const again = workspaceSchema.safeParse(workspace.config);
    if (!again.success) return unexpected(`loaded a config the schema refuses: ${again.error.message}`);
    return { outcome: 'valid', detail: Object.keys(workspace.config.services).join(',') };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error instanceof ConfigError) {
      const misplaced = error.issues.find(
        (issue) => !(issue.line >= 1 && issue.column >= 1 && issue.length >= 1 && issue.message),
      );
      if (error.issues.length === 0 || misplaced)
        return unexpected(`ConfigError without issues or with a misplaced one: ${JSON.stringify(misplaced)}`);
    }
    const printed = printedError(error);
    if (printed.exitCode !== 2 || !printed.text.trim() || printed.text.includes('This is a bug'))
      return unexpected(`printed as exit ${printed.exitCode}: ${printed.text.slice(0, 2000)}`);
    return { outcome: error instanceof ConfigError ? 'config-error' : 'user-error', detail: error.message };
  }
}

/** Linted (findings, each placed), or a failure that is a DocumentError with a message; never a throw. */
async function checkLint({ folder, file }) {
  const result = await lintFiles([file], { cwd: folder, ruleset: everyRule });
  const failure = result.failures.find((error) => !(error instanceof DocumentError) || !error.message);
  if (failure)
    return unexpected(`a failure that is not a DocumentError with a message: ${describe(failure)}`);
  const misplaced = result.findings.find(
    (finding) =>
      typeof finding.code !== 'string' ||
      typeof finding.message !== 'string' ||
      !(finding.range?.start?.line >= 0 && finding.range.start.character >= 0),
  );
  if (misplaced) return unexpected(`a finding without rule, message or place: ${JSON.stringify(misplaced)}`);
  if (result.failures.length > 0) return { outcome: 'refused', detail: result.failures[0].message };
  return { outcome: 'linted', detail: `${result.findings.length} findings` };
}

function printedError(error) {
  let text = '';
  const sink = { write: (chunk) => (text += chunk) };
  const exitCode = reportError(error, {
    color: { red: String, bold: String, dim: String },
    colored: false,
    interactive: false,
    print: (line) => sink.write(`${line}\n`),
    error: (line) => sink.write(`${line}\n`),
    json: (value) => sink.write(JSON.stringify(value)),
  });
  return { exitCode, text };
}

function unexpected(detail) {
  return { outcome: 'unexpected', detail };
}

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}
