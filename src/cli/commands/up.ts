import { plural } from '../../core/plural.js';
import type { UpEvent } from '../../core/runtime/execute.js';
import type { UpPlan } from '../../core/runtime/plan.js';
import type { CommandContext } from '../context.js';
import { chooseProgressMode, createUpDisplay, PROGRESS_MODES } from '../display/index.js';
import { logLineRenderer, serviceColor } from './logs.js';

export interface UpCommandOptions {
  detach?: boolean;
  /** `--build` true, `--no-build` false, neither undefined. */
  build?: boolean;
  dryRun?: boolean;
  timeout?: string;
  /** `auto`, `tty`, `plain` or `json`; MSCTL_PROGRESS when not given. */
  progress?: string;
  /** Build output in plain and json progress, above the rows on a terminal. */
  verbose?: boolean;
}

const BUILDERS = ['auto', 'buildkit', 'legacy'] as const;

export async function run(context: CommandContext, services: string[], options: UpCommandOptions) {
  const [
    { prepareUp, executePreparedUp },
    { downProject, killProject },
    { CancelledError, ExitCode, ExitError, UserError },
    { readLogs },
  ] = await Promise.all([
    import('../../core/runtime/up.js'),
    import('../../core/runtime/down.js'),
    import('../../core/errors.js'),
    import('../../core/runtime/logs.js'),
  ]);
  const timeoutSeconds = Number(options.timeout ?? 120);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new UserError(
      `--timeout ${options.timeout} is not a number of seconds.`,
      'Give a number such as 120.',
    );
  }
  const builder = process.env.MSCTL_BUILDER ?? 'auto';
  if (!(BUILDERS as readonly string[]).includes(builder)) {
    throw new UserError(`MSCTL_BUILDER=${builder} is not a builder.`, `Use one of ${BUILDERS.join(', ')}.`);
  }
  const mode = chooseProgressMode(
    options.progress,
    process.env.MSCTL_PROGRESS,
    // A terminal that cannot move its cursor gets lines.
    Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb',
  );
  if (typeof mode !== 'string') {
    throw new UserError(
      `${mode.from === '--progress' ? '--progress ' : 'MSCTL_PROGRESS='}${mode.invalid} is not a progress mode.`,
      `Use one of ${PROGRESS_MODES.join(', ')}.`,
    );
  }
  const { output } = context;
  const controller = new AbortController();
  const display = await createUpDisplay(mode, context, { verbose: Boolean(options.verbose) });
  const urls = new Map<string, string>();
  let forceStop: (() => void) | undefined;
  let stopping = 'Stopping and removing containers…';
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts === 1) {
      display.note(`${stopping} (Ctrl-C again to force)`);
      controller.abort();
    } else forceStop?.();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    const upOptions = {
      cwd: context.cwd,
      configFile: context.configFile,
      services,
      build:
        options.build === undefined
          ? ('auto' as const)
          : options.build
            ? ('always' as const)
            : ('never' as const),
      dryRun: Boolean(options.dryRun),
      timeoutSeconds,
      builder: builder as (typeof BUILDERS)[number],
      extraCaFile: process.env.NODE_EXTRA_CA_CERTS || undefined,
      signal: controller.signal,
      onEvent: (event: UpEvent) => {
        if (event.type === 'ready' && event.url) urls.set(event.node, event.url);
        display.event(event);
      },
    };
    const prepared = await prepareUp(upOptions);
    for (const warning of prepared.warnings) output.error(`${output.color.yellow('warning')} ${warning}`);
    if (options.dryRun) {
      output.print(prepared.planText.trimEnd());
      return;
    }
    // Cancelled while planning: nothing has changed yet, so nothing is cleaned up either.
    if (controller.signal.aborted) throw new CancelledError();
    const { docker } = prepared.engine;
    const { project } = prepared;
    forceStop = () => void killProject(docker, project);
    stopping = stoppingMessage(prepared.plan);
    // A cancel is reported by what it stopped (exit 130), not as an error.
    const cleanUp = async () => {
      await downProject(docker, project, { timeoutSeconds: 10 });
      output.error(`Stopped and removed the containers of ${project}.`);
      throw new ExitError(ExitCode.cancelled);
    };
    const startedAt = Date.now();
    display.begin(prepared.plan.containers.map((step) => ({ node: step.node, kind: step.desired.kind })));
    try {
      await executePreparedUp(prepared, upOptions);
    } catch (error) {
      display.end();
      if (error instanceof CancelledError || controller.signal.aborted) await cleanUp();
      throw error;
    }
    display.end();
    const nodes = prepared.desired.containers.map((container) => container.node);
    const width = Math.max(0, ...[...urls.keys()].map((node) => node.length));
    for (const [node, url] of [...urls].sort(([left], [right]) => (left < right ? -1 : 1))) {
      output.error(`${serviceColor(output.color, node)(node.padEnd(width))}  ${url}`);
    }
    output.error(
      `${project}: ${plural(nodes.length, 'service')} ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.${options.detach ? '' : ' Ctrl-C stops and removes them.'}`,
    );
    if (options.detach) return;
    const renderLine = mode === 'json' ? JSON.stringify : logLineRenderer(context, nodes);
    await readLogs(docker, project, { services: nodes, follow: true, signal: controller.signal }, (line) =>
      output.print(renderLine(line)),
    );
    if (controller.signal.aborted) await cleanUp();
  } finally {
    display.end();
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onInterrupt);
  }
}

/** What Ctrl-C stops, naming what ran before this `up` attached to it. */
function stoppingMessage(plan: UpPlan): string {
  const all = plan.containers.map((step) => step.node);
  const before = plan.containers.filter((step) => step.action === 'keep').map((step) => step.node);
  const note =
    before.length === 0
      ? ''
      : before.length === all.length
        ? ' (all running before this `msctl up`)'
        : ` (${before.join(', ')} running before this \`msctl up\`)`;
  return `Stopping and removing ${plan.project}: ${all.join(', ')}${note}…`;
}
