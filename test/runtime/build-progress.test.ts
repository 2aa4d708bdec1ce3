import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { BuildTracker, parseBuildEvent } from '../../src/core/runtime/build-progress.js';

// The fields of BuildKit's StatusResponse that the engine sends in `moby.buildkit.trace` events.
const StatusResponse = protobuf
  .parse(`
syntax = "proto3";
package moby.buildkit.v1;
message StatusResponse { repeated Vertex vertexes = 1; repeated VertexLog logs = 3; }
message Vertex { string digest = 1; string name = 3; bool cached = 4; Timestamp started = 5; Timestamp completed = 6; string error = 7; }
message VertexLog { string vertex = 1; int64 stream = 3; bytes msg = 4; }
message Timestamp { int64 seconds = 1; int32 nanos = 2; }
`)
  .root.lookupType('moby.buildkit.v1.StatusResponse');

type Vertex = { digest: string; name: string; cached?: boolean; done?: boolean; error?: string };

function trace(vertexes: Vertex[], logs: { vertex: string; text: string }[] = []): string {
  const message = StatusResponse.fromObject({
    vertexes: vertexes.map((vertex) => ({
      digest: vertex.digest,
      name: vertex.name,
      cached: vertex.cached ?? false,
      started: { seconds: 1 },
      ...(vertex.done && { completed: { seconds: 2 } }),
      error: vertex.error ?? '',
    })),
    logs: logs.map((log) => ({ vertex: log.vertex, stream: 1, msg: Buffer.from(log.text) })),
  });
  const aux = Buffer.from(StatusResponse.encode(message).finish()).toString('base64');
  return JSON.stringify({ id: 'moby.buildkit.trace', aux });
}

const RUN = '[2/3] RUN npm ci &&     npm run build\n    && npm prune --omit=dev';

describe('the build stream', () => {
  it('names a multi-line RUN step by its first line', () => {
    const progress = parseBuildEvent(trace([{ digest: 'b', name: RUN, cached: true, done: true }]));
    expect(progress.lines).toEqual(['CACHED [2/3] RUN npm ci &&     npm run build …']);
  });

  it('counts BuildKit steps done of steps known, and keeps the failing step its own output', () => {
    const tracker = new BuildTracker();
    const counts: string[] = [];
    const add = (line: string) => {
      if (tracker.add(parseBuildEvent(line))) counts.push(`${tracker.state().done}/${tracker.state().total}`);
    };
    add(trace([{ digest: 'a', name: '[1/3] FROM base' }]));
    add(trace([{ digest: 'a', name: '[1/3] FROM base', cached: true, done: true }]));
    add(
      trace([
        { digest: 'b', name: RUN },
        { digest: 'c', name: '[3/3] COPY . .' },
      ]),
    );
    add(trace([], [{ vertex: 'b', text: 'npm error missing script: build\n' }]));
    add(trace([], [{ vertex: 'c', text: 'unrelated output\n' }]));
    add(trace([{ digest: 'b', name: RUN, done: true, error: 'exit code: 1' }]));
    add(JSON.stringify({ errorDetail: { message: 'process did not complete: exit code: 1' } }));
    expect(counts).toEqual(['0/1', '1/1', '1/3', '2/3']);
    expect(tracker.state('exit code: 1').failedStep).toEqual({
      name: '[2/3] RUN npm ci &&     npm run build …',
      output: ['npm error missing script: build'],
    });
  });

  it("counts the legacy builder's steps and keeps the last step's output", () => {
    const tracker = new BuildTracker();
    for (const text of ['Step 1/3 : FROM base', ' ---> 1234', 'Step 2/3 : RUN make', 'make: *** no rule']) {
      tracker.add(parseBuildEvent(JSON.stringify({ stream: `${text}\n` })));
    }
    expect(tracker.state()).toEqual({ done: 1, total: 3 });
    expect(tracker.state('returned a non-zero code: 2').failedStep).toEqual({
      name: 'Step 2/3 : RUN make',
      output: ['make: *** no rule'],
    });
  });
});
