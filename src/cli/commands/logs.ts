import type { ChalkInstance } from 'chalk';
import type { LogLine } from '../../core/runtime/logs.js';
import type { CommandContext } from '../context.js';

export interface LogsCommandOptions {
  follow?: boolean;
  tail?: string;
  since?: string;
  json?: boolean;
  project?: string;
}

export async function run(context: CommandContext, services: string[], options: LogsCommandOptions) {
  const [{ connectEngine }, { readLogs }, { resolveProjectName }, { UserError }] = await Promise.all([
    import('../../core/runtime/connect.js'),
    import('../../core/runtime/logs.js'),
    import('../../core/runtime/project-name.js'),
    import('../../core/errors.js'),
  ]);
  const tail = options.tail === undefined || options.tail === 'all' ? undefined : Number(options.tail);
  if (tail !== undefined && (!Number.isInteger(tail) || tail < 0)) {
    throw new UserError(`--tail ${options.tail} is not a number of lines.`, 'Give a whole number, or "all".');
  }
  const project = await resolveProjectName({ ...options, cwd: context.cwd, configFile: context.configFile });
  const { docker } = await connectEngine();
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    let render = logLineRenderer(context, services);
    const { containers } = await readLogs(
      docker,
      project,
      {
        services,
        follow: options.follow,
        tail,
        since: options.since,
        signal: controller.signal,
        // Every prefix padded to the longest name from the first line on, infra and services alike.
        onContainers: (names) => {
          render = logLineRenderer(context, names);
        },
      },
      (line) => context.output.print(options.json ? JSON.stringify(line) : render(line)),
    );
    // Not a failure (as with `ps`): nothing to show is said on stderr, so stdout stays clean for --json readers.
    if (containers === 0)
      context.output.error(`Nothing of project ${project} exists. Start it with \`msctl up\`.`);
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

const PALETTE = [
  'cyan',
  'green',
  'yellow',
  'magenta',
  'blue',
  'cyanBright',
  'greenBright',
  'magentaBright',
] as const;

/** A stable colour per service (from its name), so `orders` looks the same in every run. */
export function serviceColor(color: ChalkInstance, service: string): (text: string) => string {
  let hash = 0;
  for (const character of service) hash = (hash * 31 + (character.codePointAt(0) ?? 0)) >>> 0;
  return color[PALETTE[hash % PALETTE.length] as (typeof PALETTE)[number]];
}

/** `orders    | text`, the prefix coloured per service and padded to the longest name seen. */
export function logLineRenderer(
  context: CommandContext,
  known?: readonly string[],
): (line: LogLine) => string {
  let width = Math.max(0, ...(known ?? []).map((name) => name.length));
  return (line) => {
    width = Math.max(width, line.service.length);
    const prefix = serviceColor(context.output.color, line.service)(`${line.service.padEnd(width)} |`);
    return `${prefix} ${line.text}`;
  };
}
