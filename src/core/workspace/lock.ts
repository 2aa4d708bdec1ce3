import { existsSync } from 'node:fs';
import { readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CancelledError, UserError } from '../errors.js';
import { makeDirectory } from './make-directory.js';

/**
 * Where the lock lives, relative to the workspace root, while it is held: a folder that git ignores through its own
 * .gitignore, removed again when the lock is released.
 */
export const LOCK_FOLDER = '.msctl/lock';
/** The lock itself: a folder, because creating one is atomic on every file system (proper-lockfile). */
const HELD = 'held';
/** Who holds the lock, for whoever waits too long for it. */
const OWNER = 'owner.json';
/** A lock not refreshed for this long was left by a process that died: it is taken over. */
export const STALE_LOCK_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface WorkspaceLockOptions {
  /** How long to wait for another writer; default MSCTL_LOCK_TIMEOUT (seconds), else 30 s. */
  timeoutMs?: number | undefined;
  /** What the holder is doing, shown to whoever waits too long for it (e.g. `create service orders`). */
  purpose?: string | undefined;
  /** Stops the wait (Ctrl-C): a CancelledError, or the signal's reason when it is a UserError. */
  signal?: AbortSignal | undefined;
}

interface LockOwner {
  pid: number;
  hostname: string;
  command: string;
  purpose: string;
  since: string;
}

/** The turn of each lock folder inside this process: the last writer's promise, which the next one waits for. */
const turns = new Map<string, Promise<void>>();

/**
 * Runs `action` while holding the workspace's write lock, so that writers (two processes, or two calls in one
 * MCP server) take turns: the action must read msctl.yaml and plan under the lock, not before it. Waits up to the
 * timeout for another holder; a lock whose process died is taken over once it is stale. The action gets a signal
 * that aborts, with a UserError as its reason, if the lock is lost (taken over after the event loop stalled).
 */
export async function withWorkspaceLock<T>(
  root: string,
  action: (signal: AbortSignal) => Promise<T>,
  options: WorkspaceLockOptions = {},
): Promise<T> {
  const folder = path.join(path.resolve(root), ...LOCK_FOLDER.split('/'));
  const timeoutMs = options.timeoutMs ?? timeoutFromEnvironment();
  const deadline = Date.now() + timeoutMs;
  const timedOut = () => lockedError(root, folder, timeoutMs);
  const rootExisted = existsSync(root);
  const endTurn = await takeTurn(folder, deadline, options.signal, timedOut);
  try {
    const lost = new AbortController();
    const release = await acquire(folder, { deadline, lost, signal: options.signal, timedOut });
    try {
      await markFolder(folder, options.purpose ?? 'changing the workspace');
      return await action(lost.signal);
    } finally {
      // Emptied while still held, so that the next holder's files are never removed; then the folders, unless
      // the next holder is already in them (or .msctl holds other things).
      await rm(path.join(folder, OWNER), { force: true });
      await rm(path.join(folder, '.gitignore'), { force: true });
      await release().catch(() => undefined);
      await rmdir(folder).catch(() => undefined);
      await rmdir(path.dirname(folder)).catch(() => undefined);
      if (!rootExisted) await rmdir(root).catch(() => undefined);
    }
  } finally {
    endTurn();
  }
}

/** Waits for the writers before this one in this process; returns what lets the next one go. */
async function takeTurn(
  folder: string,
  deadline: number,
  signal: AbortSignal | undefined,
  timedOut: () => Promise<Error>,
): Promise<() => void> {
  const previous = turns.get(folder) ?? Promise.resolve();
  let endTurn!: () => void;
  const mine = new Promise<void>((resolve) => {
    endTurn = resolve;
  });
  const tail = previous.then(() => mine);
  turns.set(folder, tail);
  const done = () => {
    endTurn();
    if (turns.get(folder) === tail) turns.delete(folder);
  };
  const timer = new AbortController();
  const stop = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
  const waited = await Promise.race([
    previous.then(() => true),
    sleep(Math.max(0, deadline - Date.now()), false, { signal: stop }).catch(() => false),
  ]);
  timer.abort();
  if (!waited) {
    // Giving up keeps the chain: the writers after this one wait for the previous one, not for this one.
    done();
    throwIfAborted(signal);
    throw await timedOut();
  }
  return done;
}

/** A .gitignore that keeps the lock out of git even when a killed process leaves it, and who holds it. */
async function markFolder(folder: string, purpose: string): Promise<void> {
  await writeFile(path.join(folder, '.gitignore'), '# msctl lock: never committed\n*\n', {
    flag: 'wx',
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const [program, ...args] = process.argv.slice(1);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    command: [path.basename(program ?? 'node', '.js'), ...args].join(' ').slice(0, 200),
    purpose,
    since: new Date().toISOString(),
  };
  const temporary = path.join(folder, `${OWNER}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(owner)}\n`);
  await rename(temporary, path.join(folder, OWNER));
}

interface AcquireOptions {
  deadline: number;
  /** Aborted when the lock is lost while held. */
  lost: AbortController;
  signal: AbortSignal | undefined;
  timedOut: () => Promise<Error>;
}

/** A cancel while waiting or writing: the reason when it says more than "cancelled". */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw signal.reason instanceof UserError
    ? signal.reason
    : new CancelledError('Cancelled; nothing was written.');
}

/** Creates the lock folder, retrying while another process holds it, until the deadline. */
async function acquire(
  folder: string,
  { deadline, lost, signal, timedOut }: AcquireOptions,
): Promise<() => Promise<void>> {
  const { lock } = await import('proper-lockfile');
  let delay = 10;
  let vanished = 0;
  for (;;) {
    try {
      await makeDirectory(folder);
      return await lock(folder, {
        lockfilePath: path.join(folder, HELD),
        realpath: false,
        stale: STALE_LOCK_MS,
        onCompromised: () =>
          lost.abort(
            new UserError(
              `Lost the workspace lock (${LOCK_FOLDER}/${HELD}) while writing: another process took it over.`,
              'Check msctl.yaml and the files of this change with `git status`, then run the command again.',
            ),
          ),
      });
    } catch (error) {
      // The folder was removed by the holder before this one, between the mkdir and the lock: again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && vanished++ < 100) continue;
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      throwIfAborted(signal);
      if (Date.now() >= deadline) throw await timedOut();
      await sleep(Math.min(delay, Math.max(1, deadline - Date.now())), undefined, { signal }).catch(
        () => undefined,
      );
      throwIfAborted(signal);
      delay = Math.min(delay * 2, 250);
    }
  }
}

async function readOwner(folder: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path.join(folder, OWNER), 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Says who holds the lock, for how long, and what to do about it. */
async function lockedError(root: string, folder: string, timeoutMs: number): Promise<UserError> {
  const held = path.relative(path.resolve(root), path.join(folder, HELD)) || folder;
  const owner = await readOwner(folder);
  const refreshed = await stat(path.join(folder, HELD)).then(
    (stats) => stats.mtimeMs,
    () => undefined,
  );
  const waited = `Waited ${seconds(timeoutMs)} for the workspace lock (${held})`;
  const longer = 'MSCTL_LOCK_TIMEOUT=<seconds> waits longer.';
  if (!owner) {
    return new UserError(
      `${waited}; another msctl process is changing the workspace.`,
      `Run the command again once it is done. If no msctl process is running, remove ${held}. ${longer}`,
    );
  }
  const holder = `process ${owner.pid}${owner.hostname === os.hostname() ? '' : ` on ${owner.hostname}`} (\`${owner.command}\`, ${owner.purpose})`;
  const heldFor = seconds(Date.now() - Date.parse(owner.since));
  if (owner.hostname === os.hostname() && !isRunning(owner.pid)) {
    const left = refreshed === undefined ? 0 : Math.max(0, refreshed + STALE_LOCK_MS - Date.now());
    return new UserError(
      `${waited}; it was left by ${holder}, which is no longer running.`,
      `It is taken over once nothing has refreshed it for ${seconds(STALE_LOCK_MS)}${left > 0 ? ` (in ${seconds(left)})` : ''}: run the command again. ${longer}`,
    );
  }
  return new UserError(
    `${waited}; ${holder} has held it for ${heldFor}.`,
    `Run the command again once that process is done. If it is stuck, stop it (kill ${owner.pid}); its lock is then taken over after ${seconds(STALE_LOCK_MS)}. ${longer}`,
  );
}

const seconds = (milliseconds: number): string => `${Math.max(0, Math.round(milliseconds / 100) / 10)} s`;

function timeoutFromEnvironment(): number {
  const value = process.env.MSCTL_LOCK_TIMEOUT;
  if (value === undefined || value === '') return DEFAULT_TIMEOUT_MS;
  const timeout = Number(value);
  if (!Number.isFinite(timeout) || timeout < 0) {
    throw new UserError(
      `MSCTL_LOCK_TIMEOUT=${value} is not a number of seconds.`,
      'Set it to how long to wait for another msctl process that changes the workspace, e.g. 60.',
    );
  }
  return timeout * 1000;
}
