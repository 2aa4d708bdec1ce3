import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/** How one input ended in the child: the child's own verdicts, or `hang` / `crashed` seen from here. */
export interface CaseOutcome {
  outcome: string;
  detail: string;
}

export interface FuzzCase {
  target: 'config' | 'lint';
  /** The folder the input is in (the workspace, for the config loader). */
  folder: string;
  /** The input file (for the linter). */
  file: string;
}

/** Heap limit of the child: an input that needs more ends it, which fails that input. */
export const CHILD_HEAP_MEGABYTES = 256;

/**
 * A child process (test/fuzz/fuzz-child.js, on the built code) that runs one input at a time, killed and replaced
 * when an input takes longer than the time given, so that a hang is a failing input rather than a stuck test.
 */
export class FuzzChild {
  private child: ChildProcess | undefined;
  private nextId = 0;
  /** The end of the current child's stderr: where V8 reports running out of heap, or a missing `npm run build`. */
  private stderr = '';
  /** Exit codes of children that ended on their own between inputs: any is a failure. */
  readonly unexpectedExits: string[] = [];

  async run(input: FuzzCase, timeoutMs: number): Promise<CaseOutcome> {
    const child = this.started();
    const id = this.nextId++;
    return new Promise<CaseOutcome>((resolve) => {
      const finish = (outcome: CaseOutcome) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (message: { id: number } & CaseOutcome) => {
        if (message.id === id) finish({ outcome: message.outcome, detail: message.detail });
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.child = undefined;
        finish({
          outcome: 'crashed',
          detail: `the child exited (code ${code}, signal ${signal}); its stderr ended: ${this.stderr}`,
        });
      };
      const timer = setTimeout(() => {
        child.off('exit', onExit);
        child.kill('SIGKILL');
        this.child = undefined;
        finish({ outcome: 'hang', detail: `no answer within ${timeoutMs} ms` });
      }, timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ id, ...input });
    });
  }

  /** Asks the child to end and returns its exit code (0 when it ended normally, within its memory). */
  async close(): Promise<number | null> {
    const child = this.child;
    if (!child) return 0;
    this.child = undefined;
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.send('exit');
    });
  }

  private started(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(path.join(import.meta.dirname, 'fuzz-child.js'), [], {
      execArgv: [`--max-old-space-size=${CHILD_HEAP_MEGABYTES}`],
      env: { ...process.env, NO_COLOR: '1', MSCTL_DEBUG: undefined },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = `${this.stderr}${chunk}`.slice(-4000);
    });
    child.on('exit', (code, signal) => {
      if (code !== 0) this.unexpectedExits.push(`code ${code}, signal ${signal}: ${this.stderr}`);
    });
    this.child = child;
    return child;
  }
}
