import protobuf from 'protobufjs';

/** What one event of the build stream says, whichever builder sent it. */
export interface BuildProgress {
  /** Lines of output: step names, command output, errors. */
  lines: string[];
  /** The engine reports a failed build inside the stream, with HTTP 200. */
  error?: string | undefined;
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
    started?: object;
    completed?: object;
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
    return { lines: describeStatus(decodeStatus(event.aux)), error };
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
    if (vertex.error) lines.push(`ERROR ${vertex.name}: ${vertex.error}`);
    else if (vertex.completed && vertex.cached) lines.push(`CACHED ${vertex.name}`);
    else if (vertex.started && !vertex.completed) lines.push(vertex.name);
  }
  for (const log of status.logs) lines.push(...splitLines(Buffer.from(log.msg).toString('utf8')));
  return lines;
}

function splitLines(text: string): string[] {
  return text
    .split(/\r?\n|\r/)
    .map((line) => line.trimEnd())
    .filter(Boolean);
}
