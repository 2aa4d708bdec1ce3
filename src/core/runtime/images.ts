import type Docker from 'dockerode';
import { ExitCode, UserError } from '../errors.js';
import { LABELS } from '../project/labels.js';
import { type BuildContext, packBuildContext } from './build-context.js';
import { BuildTracker, parseBuildEvent } from './build-progress.js';
import type { ImageStep } from './plan.js';

/** What building and pulling report as they go. */
export type ImageEvent =
  | { type: 'step'; node: string; action: string; cause: string }
  | { type: 'build-output'; node: string; line: string }
  /** Build steps finished of the steps known so far (BuildKit announces steps as it reaches them). */
  | { type: 'build-progress'; node: string; done: number; total: number }
  | { type: 'image-ready'; node: string; image: string; action: 'build' | 'pull'; seconds: number };

/** A build or pull that failed: the message is the report, `summary` one short line for a progress row. */
export class ImageFailedError extends UserError {
  override readonly name = 'ImageFailedError';
  constructor(
    message: string,
    hint: string,
    readonly summary: string,
    exitCode: ExitCode = ExitCode.couldNotRun,
  ) {
    super(message, hint, exitCode);
  }
}

export interface ImageOptions {
  docker: Docker;
  contexts: ReadonlyMap<string, BuildContext>;
  builder: 'buildkit' | 'legacy';
  signal?: AbortSignal | undefined;
}

/** Builds one service image from its context; a failed build carries the failing step's output. */
export async function buildImage(
  step: ImageStep,
  options: ImageOptions,
  emit: (event: ImageEvent) => void,
): Promise<void> {
  const context = options.contexts.get(step.node);
  if (!context) throw new Error(`no build context read for ${step.node}`);
  const startedAt = Date.now();
  emit({ type: 'step', node: step.node, action: 'build', cause: step.cause });
  const stream = await options.docker.buildImage(packBuildContext(context), {
    t: step.image,
    dockerfile: context.dockerfile,
    buildargs: context.buildArgs,
    labels: { [LABELS.contextHash]: step.contextHash ?? context.hash },
    rm: true,
    forcerm: true,
    ...(options.builder === 'buildkit' && { version: '2' }),
    ...(options.signal && { abortSignal: options.signal }),
  } as Docker.ImageBuildOptions);
  const tracker = new BuildTracker();
  let failure: string | undefined;
  let pending = '';
  const handle = (line: string) => {
    if (!line.trim()) return;
    const progress = parseBuildEvent(line);
    if (progress.error !== undefined) failure = progress.error;
    if (tracker.add(progress)) {
      const { done, total } = tracker.state();
      emit({ type: 'build-progress', node: step.node, done, total });
    }
    for (const text of progress.lines) emit({ type: 'build-output', node: step.node, line: text });
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) handle(line);
  }
  handle(pending);
  if (failure !== undefined) {
    const failed = tracker.state(failure).failedStep;
    const output = failed?.output ?? [];
    throw new ImageFailedError(
      [
        `Building ${step.node} failed at ${failed?.name ?? 'a step'}: ${failure.trim()}`,
        output.length > 0
          ? `Output of that step:\n${output.map((text) => `  ${text}`).join('\n')}`
          : 'That step wrote no output.',
      ].join('\n'),
      `Fix the Dockerfile or the code of ${step.node}, then run \`msctl up\` again.`,
      `build failed at ${failed?.name ?? 'a step'}`,
      ExitCode.problemsFound,
    );
  }
  emit({
    type: 'image-ready',
    node: step.node,
    image: step.image,
    action: 'build',
    seconds: (Date.now() - startedAt) / 1000,
  });
}

/** Pulls one infra image; a failure says how to point at a mirror instead. */
export async function pullImage(
  step: ImageStep,
  options: ImageOptions,
  emit: (event: ImageEvent) => void,
): Promise<void> {
  const startedAt = Date.now();
  emit({ type: 'step', node: step.node, action: 'pull', cause: step.cause });
  try {
    const stream = await options.docker.pull(step.image);
    await new Promise<void>((resolve, reject) => {
      let error: string | undefined;
      options.docker.modem.followProgress(
        stream,
        (streamError: Error | null) =>
          streamError || error ? reject(streamError ?? new Error(error)) : resolve(),
        (event: { error?: string }) => {
          if (event.error) error = event.error;
        },
      );
    });
  } catch (error) {
    throw new ImageFailedError(
      `Cannot pull ${step.image} for ${step.node}: ${(error as Error).message}`,
      `Is a registry reachable? To use a mirror or a local image, set infra.${step.node}.image in msctl.yaml.`,
      `pulling ${step.image} failed`,
    );
  }
  emit({
    type: 'image-ready',
    node: step.node,
    image: step.image,
    action: 'pull',
    seconds: (Date.now() - startedAt) / 1000,
  });
}
