import protobuf from 'protobufjs';

/** What one event of the build stream says, whichever builder sent it. */
export interface BuildProgress {
  /** Lines of output: step names, command output, errors. */
  lines: string[];
  /** The engine reports a failed build inside the stream, with HTTP 200. */
  error?: string | undefined;
  /** BuildKit's steps (vertexes) whose state this event reports. */
  vertexes?: VertexUpdate[];
  /** Output of BuildKit's steps, by the step's digest. */
  logs?: { vertex: string; lines: string[] }[];
}

export interface VertexUpdate {
  digest: string;
  name: string;
  cached: boolean;
  started: boolean;
  completed: boolean;
  error: string;
}

// The part of BuildKit's StatusResponse we read; the decoder skips the other fields.
const STATUS_PROTO = `
syntax = "proto3";
package moby.buildkit.v1;
message StatusResponse { repeated Vertex vertexes = 1; repeated VertexLog logs = 3; }
message Vertex { string digest = 1; string name = 3; bool cached = 4; Timestamp started = 5; Timestamp completed = 6; string error = 7; }
message VertexLog { string vertex = 1; int64 stream = 3; bytes msg = 4; }
message Timestamp { int64 seconds = 1; int32 nanos = 2; }
`;

interface StatusResponse {
  vertexes: {
    digest: string;
    name: string;
    cached: boolean;
    started?: object | null;
    completed?: object | null;
    error: string;
  }[];
  logs: { vertex: string; msg: Uint8Array }[];
}

let statusType: protobuf.Type | undefined;

/** Reads one JSON line of the build stream: the legacy builder's text, or BuildKit's protobuf trace. */
export function parseBuildEvent(line: string): BuildProgress {
  let event: {
    id?: string;
    aux?: unknown;
    stream?: string;
    status?: string;
    error?: string;
    errorDetail?: { message?: string };
  };
  try {
    event = JSON.parse(line);
  } catch {
    return { lines: line.trim() ? [line.trim()] : [] };
  }
  const error = event.errorDetail?.message ?? event.error;
  if (event.id === 'moby.buildkit.trace' && typeof event.aux === 'string') {
    const status = decodeStatus(event.aux);
    return {
      lines: describeStatus(status),
      error,
      vertexes: status.vertexes.map((vertex) => ({
        digest: vertex.digest,
        name: vertex.name,
        cached: vertex.cached,
        started: Boolean(vertex.started),
        completed: Boolean(vertex.completed),
        error: vertex.error,
      })),
      logs: status.logs.map((log) => ({
        vertex: log.vertex,
        lines: splitLines(Buffer.from(log.msg).toString('utf8')),
      })),
    };
  }
  if (event.id === 'moby.image.id') return { lines: [], error };
  const text = event.stream ?? (event.status && !event.id ? event.status : '');
  return { lines: splitLines(text), error };
}

function decodeStatus(base64: string): StatusResponse {
  statusType ??= protobuf.parse(STATUS_PROTO).root.lookupType('moby.buildkit.v1.StatusResponse');
  return statusType.toObject(statusType.decode(Buffer.from(base64, 'base64')), {
    arrays: true,
    defaults: true,
  }) as StatusResponse;
}

function describeStatus(status: StatusResponse): string[] {
  const lines: string[] = [];
  for (const vertex of status.vertexes) {
    const name = firstLine(vertex.name);
    if (vertex.error) lines.push(`ERROR ${name}: ${vertex.error}`);
    else if (vertex.completed && vertex.cached) lines.push(`CACHED ${name}`);
    else if (vertex.started && !vertex.completed) lines.push(name);
  }
  for (const log of status.logs) lines.push(...splitLines(Buffer.from(log.msg).toString('utf8')));
  return lines;
}

/** A `RUN` step's name holds its whole command: one line of it names the step well enough. */
function firstLine(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  return rest.some((line) => line.trim()) ? `${first.trimEnd()} …` : first;
}

function splitLines(text: string): string[] {
  return text
    .split(/\r?\n|\r/)
    .map((line) => line.trimEnd())
    .filter(Boolean);
}

const STEP_OUTPUT_KEPT = 40;
const LEGACY_STEP = /^Step (\d+)\/(\d+) : (.*)$/;

/** Where a build stands: steps done of steps known, and the output of each step, for a failure report. */
export interface BuildState {
  done: number;
  total: number;
  /** The step that failed, with its own last lines of output. */
  failedStep?: { name: string; output: string[] } | undefined;
}

/**
 * Folds the build stream into step counts (BuildKit's vertexes, or the legacy builder's `Step 3/6`) and
 * keeps each step's last lines of output, so a failure shows the failing step's own output.
 */
export class BuildTracker {
  private readonly vertexes = new Map<string, VertexUpdate>();
  private readonly output = new Map<string, string[]>();
  private legacy: { step: number; total: number; name: string } | undefined;
  private failedVertex: string | undefined;

  /** Takes one parsed event; true when the step counts changed. */
  add(progress: BuildProgress): boolean {
    const before = this.counts();
    if (progress.vertexes || progress.logs) {
      for (const vertex of progress.vertexes ?? []) {
        this.vertexes.set(vertex.digest, vertex);
        if (vertex.error && this.failedVertex === undefined) this.failedVertex = vertex.digest;
      }
      for (const log of progress.logs ?? []) this.keep(log.vertex, log.lines);
    } else {
      for (const line of progress.lines) {
        const step = LEGACY_STEP.exec(line);
        if (step) {
          this.legacy = { step: Number(step[1]), total: Number(step[2]), name: step[3] as string };
          this.output.set(`Step ${this.legacy.step}`, []);
          continue;
        }
        this.keep(this.legacy ? `Step ${this.legacy.step}` : 'start', [line]);
      }
    }
    const after = this.counts();
    return before.done !== after.done || before.total !== after.total;
  }

  /** The state now; `error` is the stream's own error message, when it ended with one. */
  state(error?: string): BuildState {
    const counts = this.counts();
    if (error === undefined && this.failedVertex === undefined) return counts;
    const vertex = this.failedVertex === undefined ? undefined : this.vertexes.get(this.failedVertex);
    if (vertex) {
      return {
        ...counts,
        failedStep: { name: firstLine(vertex.name), output: this.outputOf(vertex.digest) },
      };
    }
    const legacy = this.legacy;
    return {
      ...counts,
      failedStep: legacy
        ? {
            name: `Step ${legacy.step}/${legacy.total} : ${legacy.name}`,
            output: this.outputOf(`Step ${legacy.step}`),
          }
        : { name: 'the build', output: this.outputOf('start') },
    };
  }

  private counts(): { done: number; total: number } {
    if (this.legacy) return { done: this.legacy.step - 1, total: this.legacy.total };
    let done = 0;
    for (const vertex of this.vertexes.values()) if (vertex.completed) done += 1;
    return { done, total: this.vertexes.size };
  }

  private keep(key: string, lines: string[]): void {
    const kept = this.output.get(key) ?? [];
    kept.push(...lines);
    if (kept.length > STEP_OUTPUT_KEPT) kept.splice(0, kept.length - STEP_OUTPUT_KEPT);
    this.output.set(key, kept);
  }

  private outputOf(key: string): string[] {
    return this.output.get(key) ?? [];
  }
}
