import type Docker from 'dockerode';

const EXEC_PROBE_TIMEOUT_MS = 3000;

/** One GET from this machine; a reset connection is not ready (Docker's proxy accepts before the app listens). */
export async function probeHttp(url: string): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
    const body = (await response.text()).trim().slice(0, 300);
    return {
      ok: response.status >= 200 && response.status < 300,
      detail: `HTTP ${response.status}${body ? ` ${body}` : ''}`,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code;
    const detail =
      code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
        ? 'connection reset'
        : code === 'ECONNREFUSED'
          ? 'connection refused'
          : (cause?.message ?? (error as Error).message);
    return { ok: false, detail };
  }
}

/** HTTP clients an image may have, tried in order; the first one present is used from then on. */
function insideClients(url: string): string[][] {
  const script = `fetch(${JSON.stringify(url)}, { signal: AbortSignal.timeout(2000) }).then(async (response) => { console.log('HTTP ' + response.status + ' ' + (await response.text()).slice(0, 300)); process.exit(response.ok ? 0 : 1); }, (error) => { console.log(String(error.cause?.code ?? error.message)); process.exit(1); })`;
  return [
    ['node', '-e', script],
    // No -T: Debian's static busybox crashes with it; execProbe bounds the time instead.
    ['wget', '-q', '-O', '-', url],
    ['curl', '-fsS', '--max-time', '2', url],
  ];
}

// By container id: the client an image has does not change while it runs.
const clientByContainer = new Map<string, string[][]>();

/** One GET from inside the container, with the first of node, wget or curl the image has. */
export async function probeFromInside(
  container: Docker.Container,
  url: string,
): Promise<{ ok: boolean; detail: string }> {
  const candidates = clientByContainer.get(container.id) ?? insideClients(url);
  for (const [index, command] of candidates.entries()) {
    const result = await execProbe(container, command);
    // 126/127: the client is not in the image; try the next one.
    if (result.exitCode === 126 || result.exitCode === 127 || result.exitCode === null) continue;
    clientByContainer.set(container.id, candidates.slice(index));
    return { ok: result.exitCode === 0, detail: result.output || `exit ${result.exitCode}` };
  }
  return { ok: false, detail: 'the image has none of node, wget or curl to check it from inside' };
}

/** Runs a command in the container, bounded in time; its exit code and the start of its output. */
export async function execProbe(
  container: Docker.Container,
  command: string[],
): Promise<{ exitCode: number | null; output: string }> {
  try {
    const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    const sink = { write: (chunk: Buffer) => chunks.push(chunk) } as unknown as NodeJS.WritableStream;
    container.modem.demuxStream(stream, sink, sink);
    // A check that hangs (a server that accepts and never answers) must not stall the wait past its deadline.
    const finished = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), EXEC_PROBE_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    if (!finished) {
      stream.destroy();
      return { exitCode: -1, output: `no answer within ${EXEC_PROBE_TIMEOUT_MS / 1000} s` };
    }
    const info = await exec.inspect();
    return { exitCode: info.ExitCode, output: Buffer.concat(chunks).toString('utf8').trim().slice(0, 300) };
  } catch (error) {
    return { exitCode: null, output: (error as Error).message };
  }
}
