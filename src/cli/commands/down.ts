import { plural } from '../../core/plural.js';
import type { CommandContext } from '../context.js';

export interface DownCommandOptions {
  volumes?: boolean;
  project?: string;
  timeout?: string;
  json?: boolean;
}

export async function run(context: CommandContext, options: DownCommandOptions) {
  const [{ connectEngine }, { downProject }, { resolveProjectName }, { UserError, ExitCode }] =
    await Promise.all([
      import('../../core/runtime/connect.js'),
      import('../../core/runtime/down.js'),
      import('../../core/runtime/project-name.js'),
      import('../../core/errors.js'),
    ]);
  const timeoutSeconds = options.timeout === undefined ? 10 : Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
    throw new UserError(
      `--timeout ${options.timeout} is not a number of seconds.`,
      'Give a number such as 10.',
    );
  }
  const project = await resolveProjectName({ ...options, cwd: context.cwd, configFile: context.configFile });
  const { docker } = await connectEngine();
  const startedAt = Date.now();
  const result = await downProject(docker, project, {
    volumes: options.volumes,
    timeoutSeconds,
    onEvent: options.json
      ? undefined
      : (event) => context.output.error(`${context.output.color.dim('removed')} ${event.kind} ${event.name}`),
  });
  if (options.json) context.output.json({ project, ...result });
  else {
    const removed = result.containers.length + result.networks.length + result.volumes.length;
    context.output.print(
      removed === 0
        ? `Nothing of project ${project} was there.`
        : `Removed ${plural(result.containers.length, 'container')}, ${plural(result.networks.length, 'network')}, ${plural(result.volumes.length, 'volume')} of ${project} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`,
    );
    for (const leftover of result.leftovers)
      context.output.error(`could not remove ${leftover.name}: ${leftover.reason}`);
  }
  return result.leftovers.length > 0 ? ExitCode.problemsFound : ExitCode.ok;
}
