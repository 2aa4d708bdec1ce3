import { Argument, Command, Option } from 'commander';
import { ExitError } from '../core/errors.js';
import { type CommandContext, contextFor } from './context.js';
import { packageVersion } from './version.js';

type CommandModule = {
  run: (context: CommandContext, ...args: never[]) => Promise<number | undefined | void>;
};

/**
 * An action that imports its command module only when it runs, so that `--help` and `--version` never pay for
 * dockerode, inquirer or the lint engine. A non-zero result becomes the exit code through the runner.
 */
export function lazy(load: () => Promise<unknown>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args.at(-1) as Command;
    const module = (await load()) as CommandModule;
    const code = await (
      module.run as (context: CommandContext, ...rest: unknown[]) => Promise<number | void>
    )(contextFor(command), ...args.slice(0, -1));
    if (code) throw new ExitError(code as 1 | 2 | 130);
  };
}

const EXIT_CODES = `
Exit codes:
  0    ok
  1    ran and found problems (lint findings, a service that did not become healthy, drift)
  2    could not run (usage, invalid msctl.yaml, no Docker engine, refused overwrite)
  130  cancelled
With --json, a command that fails prints {"error": {"message", "hint", "exitCode"}} on stdout as well.`;

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}

/** The `msctl` program: every command, declared up front, each loaded lazily. */
export function buildMsctlProgram(): Command {
  const program = new Command('msctl')
    .description(
      'Build and orchestrate microservices: scaffold, run locally, govern APIs, generate deployments.',
    )
    .version(packageVersion(), '-V, --version')
    .option('-c, --config <file>', 'msctl.yaml to use (default: found upward from the current folder)')
    .showSuggestionAfterError()
    .showHelpAfterError('Run the command with --help for usage and examples.')
    .addHelpText(
      'after',
      `${EXIT_CODES}

Environment: NO_COLOR disables colour; MSCTL_DEBUG=1 shows stacks; MSCTL_CONFIG is --config;
MSCTL_PROGRESS is --progress of up; MSCTL_LOCK_TIMEOUT is how many seconds a change to the workspace waits
for another one (30).
`,
    );

  program
    .command('init [dir]')
    .description('Create a workspace: msctl.yaml, .gitignore and a README')
    .option('--name <name>', 'project name (a DNS-1123 label; default: the folder name)')
    .option(
      '--registry <registry>',
      'image registry CI pushes to and Kubernetes pulls from, e.g. ghcr.io/acme/shop (images.registry)',
    )
    .option('-y, --yes', 'accept defaults; never prompt')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples('msctl init --name shop --registry ghcr.io/acme/shop', 'msctl init services/shop --yes'),
    )
    .action(lazy(() => import('./commands/init.js')));

  declareCreateService(
    program
      .command('new [name]')
      .description('Scaffold a service into the workspace (same as create-service)'),
    'msctl new',
  );

  program
    .command('config')
    .description('Validate msctl.yaml and print the resolved workspace, defaults filled in')
    .option('--json', 'print JSON instead of YAML')
    .addHelpText('after', examples('msctl config', 'msctl config --json | jq .services'))
    .action(lazy(() => import('./commands/config.js')));

  program
    .command('graph')
    .description('Print the dependency graph of services and infra')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'mermaid', 'dot']).default('text'),
    )
    .addHelpText(
      'after',
      examples(
        'msctl graph',
        'msctl graph --format mermaid >> README.md',
        'msctl graph --format dot | dot -Tsvg > graph.svg',
      ),
    )
    .action(lazy(() => import('./commands/graph.js')));

  program
    .command('up [services...]')
    .description('Build and start the system (or the named services and what they need) and wait until ready')
    .option('-d, --detach', 'return once everything is ready, instead of following the logs')
    .option('--build', 'build every service image, even when its context is unchanged')
    .option('--no-build', 'never build; fail if an image is missing')
    .option('--dry-run', 'print the plan (every step with its cause) and change nothing')
    .option('--timeout <seconds>', 'how long each service may take to become ready', '120')
    .option(
      '--progress <mode>',
      'auto (live rows on a terminal, else plain), tty, plain (a line per change) or json (an event per line)',
    )
    .option('-v, --verbose', 'show build output (above the rows on a terminal)')
    .addHelpText(
      'after',
      `${examples(
        'msctl up',
        'msctl up -d orders',
        'msctl up --dry-run',
        'msctl up -d --progress plain --verbose',
        'msctl up -d --progress json | jq -c "select(.type == \\"failed\\")"',
      )}\n\nOn a terminal, one row per service and infra changes in place (building 3/6, waiting for postgres,\nstarting, healthy); without one, one line per change. MSCTL_PROGRESS sets the mode when --progress is not\ngiven. Ctrl-C stops and removes the containers, those that ran before too (exit 130); a second Ctrl-C kills\nthem. A service that does not become ready exits 1, naming it, what it blocks, its last check and its\nlast log lines (repeats folded).`,
    )
    .action(lazy(() => import('./commands/up.js')));

  program
    .command('down')
    .description(
      "Stop and remove the project's containers and network (found by label; no msctl.yaml needed)",
    )
    .option('--volumes', 'remove the named volumes too (database data)')
    .option('--project <name>', 'the project to remove (default: the name in msctl.yaml)')
    .option('--timeout <seconds>', 'how long each container may take to stop before it is killed', '10')
    .option('--json', 'print what was removed as JSON')
    .addHelpText('after', examples('msctl down', 'msctl down --volumes', 'msctl down --project shop'))
    .action(lazy(() => import('./commands/down.js')));

  program
    .command('ps')
    .description("List the project's containers: state, health, ports, image, uptime")
    .option('--project <name>', 'the project to list (default: the name in msctl.yaml)')
    .option('--json', 'print the rows as JSON')
    .addHelpText(
      'after',
      `${examples('msctl ps', 'msctl ps --json | jq ".[] | select(.health != \\"healthy\\")"')}\n\nHEALTH is the readiness check \`up\` waits on, asked now: healthy as soon as \`up\` says ready.`,
    )
    .action(lazy(() => import('./commands/ps.js')));

  program
    .command('logs [services...]')
    .description("Print the logs of the project's services, time-ordered, prefixed by service")
    .option('-f, --follow', 'keep following new lines')
    .option('--tail <lines>', 'lines from the end of each log (or "all")')
    .option('--since <time>', 'only lines since a duration ago (10m, 2h) or a time (RFC 3339)')
    .option('--project <name>', 'the project (default: the name in msctl.yaml)')
    .option('--json', 'one JSON object per line: service, stream, time, text')
    .addHelpText(
      'after',
      `${examples('msctl logs', 'msctl logs orders -f --tail 50', 'msctl logs --since 10m --json')}\n\nWith --follow, containers that \`up\` recreates or starts later are followed too, until Ctrl-C or\nuntil \`msctl down\` removes the project. With nothing of the project there, says so and exits 0.`,
    )
    .action(lazy(() => import('./commands/logs.js')));

  program
    .command('generate')
    .addArgument(
      new Argument(
        '<what>',
        'what to generate (all: k8s and ci, and compose once compose.yaml exists)',
      ).choices(['k8s', 'ci', 'compose', 'all']),
    )
    .description(
      "Write the system's Kubernetes manifests, CI pipelines or compose.yaml from msctl.yaml, never clobbering hand edits",
    )
    .option('--out <dir>', 'write under this folder instead of the workspace')
    .addOption(
      new Option(
        '--ci <provider>',
        "CI provider for every service, recorded in msctl.yaml; the other provider's untouched files are deleted (default: the one recorded)",
      ).choices(['github', 'gitlab', 'none']),
    )
    .option('--dry-run', 'print what would be written; write nothing')
    .option(
      '--check',
      'write nothing; exit 1 when a file is missing, stale, edited (not under generate.owned) or no longer generated (for CI)',
    )
    .option('--force', 'overwrite generated files that were edited by hand (generate.owned excepted)')
    .option(
      '--explain',
      'k8s only: per service, how each msctl.yaml setting became cluster config and what has no equivalent; writes nothing',
    )
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      `\ncompose writes compose.yaml, what \`msctl up\` runs for plain Docker Compose; all includes it once that file exists. See docs/generate.md.${examples(
        'msctl generate all',
        'msctl generate k8s --dry-run',
        'msctl generate all --check',
        'msctl generate ci --ci gitlab',
        'msctl generate compose',
      )}\n\nEdited files get the new output merged in; a conflict is written with git-style markers.\nExit codes: 0 written or up to date, 1 a conflict, an edited file no longer generated, or any difference under --check, 2 could not run.`,
    )
    .action(lazy(() => import('./commands/generate.js')));

  program
    .command('doctor')
    .description('Check what works here: Node.js, git, the Docker engine, the workspace')
    .option('--json', 'print the checks as JSON')
    .addHelpText('after', examples('msctl doctor', 'DOCKER_HOST=tcp://127.0.0.1:2375 msctl doctor --json'))
    .action(lazy(() => import('./commands/doctor.js')));

  program
    .command('lint [files...]')
    .description("Lint OpenAPI descriptions (default: every service's api in msctl.yaml)")
    .option(
      '--ruleset <file|preset>',
      'Spectral-style ruleset file, or a preset (msctl:recommended, msctl:strict, msctl:all, spectral:oas); default: governance.ruleset, else ./.spectral.yaml, else governance.extends',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['stylish', 'json', 'sarif', 'junit', 'github'])
        .default('stylish'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option(
        '--fail-severity <severity>',
        'lowest severity that fails (exit 1); default: governance.failSeverity, else error',
      ).choices(['error', 'warn', 'info', 'hint']),
    )
    .option('-q, --quiet', 'show only findings at or above --fail-severity, and no notes')
    .option('-v, --verbose', 'show a code frame and the documentation link under each finding')
    .option(
      '--baseline <file>',
      'known findings pass, new ones fail (a JSON file written by --update-baseline)',
    )
    .option(
      '--update-baseline',
      'record the current findings of the linted files in --baseline, keeping the others',
    )
    .option('--allow-remote', 'fetch http(s) $refs (off: a spec cannot make CI an HTTP client)')
    .option('--json', "print findings, failures and a summary as JSON (Spectral's shape is --format json)")
    .addHelpText(
      'after',
      `${examples(
        'msctl lint',
        'msctl lint services/orders/openapi.yaml --format json',
        'msctl lint --ruleset .spectral.yaml --fail-severity warn',
        'msctl lint openapi.yaml --ruleset msctl:strict',
        'msctl lint --format sarif --output lint.sarif',
        'msctl lint --baseline .msctl/lint-baseline.json --update-baseline',
      )}\n\nExit codes: 0 no findings at or above --fail-severity, 1 findings, 2 a document or ruleset could not be read.`,
    )
    .action(lazy(() => import('./commands/lint.js')));

  program
    .command('mcp')
    .description('Serve the workspace to AI agents over the Model Context Protocol (stdio)')
    .addHelpText(
      'after',
      `\nTools: workspace_config, dependency_graph, lint_api, plan_service, create_service, plan_manifests, generate_manifests, system_status, init_workspace. See docs/mcp.md.${examples(
        'msctl mcp',
        'msctl --config services/shop/msctl.yaml mcp',
      )}`,
    )
    .action(lazy(() => import('./commands/mcp.js')));

  program
    .command('schema')
    .description('Print the JSON Schema of msctl.yaml (for editors and validators)')
    .addHelpText('after', examples('msctl schema > msctl.schema.json'))
    .action(lazy(() => import('./commands/schema.js')));

  return program;
}

/** The `create-service` program: one command, the same as `msctl new`. */
export function buildCreateServiceProgram(): Command {
  const program = new Command('create-service')
    .argument('[name]', 'service name (a DNS-1123 label)')
    .description(
      'Scaffold a production-grade service into an msctl workspace (creating the workspace if needed)',
    )
    .version(packageVersion(), '-V, --version')
    .option('-c, --config <file>', 'msctl.yaml to register the service in')
    .showSuggestionAfterError()
    .showHelpAfterError('Run the command with --help for usage and examples.');
  return declareCreateService(program, 'create-service').addHelpText('after', EXIT_CODES);
}

function declareCreateService(command: Command, name: string): Command {
  return command
    .option('-t, --template <id>', 'template: node-fastify (more to come)')
    .option('-p, --port <n>', 'port the service listens on (default: the next free one)')
    .option(
      '--depends-on <names>',
      'services or infra it needs, comma-separated (infra is added to msctl.yaml)',
    )
    .addOption(new Option('--ci <provider>', 'CI pipeline to generate').choices(['github', 'gitlab', 'none']))
    .option('--description <text>', 'one line on what the service does')
    .option('--workspace <dir>', 'workspace folder (default: nearest msctl.yaml upward, else a new one here)')
    .option(
      '-y, --yes',
      'defaults for everything not given (the name: service, service-2, ...); never prompt',
    )
    .option('--dry-run', 'print the files that would be written, with sizes; write nothing')
    .option('--force', 'overwrite files that exist')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        `${name}`,
        `${name} orders --yes --depends-on postgres,inventory`,
        `${name} billing -t node-fastify -p 3005 --ci gitlab --description "Invoices and payments"`,
        `${name} orders --yes --dry-run`,
      ),
    )
    .action(lazy(() => import('./commands/create-service.js')));
}
