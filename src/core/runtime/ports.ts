import { readdir, readFile, readlink } from 'node:fs/promises';
import net from 'node:net';
import type Docker from 'dockerode';
import { LABELS } from '../project/labels.js';
import type { DesiredContainer } from './desired.js';
import type { ObservedContainer } from './observe.js';
import type { UpPlan } from './plan.js';

/** A host port `up` needs that something else holds. */
export interface PortConflict {
  node: string;
  hostIp: string;
  hostPort: number;
  holder: string;
}

const anyAddress = (ip: string | undefined) => !ip || ip === '0.0.0.0' || ip === '::';

/**
 * Finds host ports the plan would publish that are taken, and names who holds each: a container of this
 * project, of another msctl project, another container, or (for a local engine) a host process.
 */
export async function findPortConflicts(
  docker: Docker,
  plan: UpPlan,
  options: { localEngine: boolean },
): Promise<PortConflict[]> {
  const wanted = plan.containers
    .filter((step) => step.action !== 'keep')
    .flatMap((step) =>
      step.desired.ports.flatMap((port) =>
        port.hostPort === undefined
          ? []
          : [{ node: step.node, hostIp: port.hostIp, hostPort: port.hostPort, own: step.existing?.id }],
      ),
    );
  if (wanted.length === 0) return [];
  const leaving = new Set(plan.removals.map((removal) => removal.container.id));
  const running = await docker.listContainers();
  const conflicts: PortConflict[] = [];
  for (const port of wanted) {
    const publishes = (container: Docker.ContainerInfo) =>
      (container.Ports ?? []).some(
        (published) =>
          published.PublicPort === port.hostPort &&
          (anyAddress(published.IP) || anyAddress(port.hostIp) || published.IP === port.hostIp),
      );
    // The container being replaced (or removed) frees its port before the new one starts: its own docker-proxy
    // holding the host socket is no conflict.
    const freedByUp = (container: Docker.ContainerInfo) =>
      container.Id === port.own || leaving.has(container.Id);
    if (running.some((container) => freedByUp(container) && publishes(container))) continue;
    const holder = running.find((container) => !freedByUp(container) && publishes(container));
    if (holder) {
      const name = (holder.Names[0] ?? holder.Id.slice(0, 12)).replace(/^\//, '');
      const project = holder.Labels?.[LABELS.project];
      const description =
        project === plan.project
          ? `container ${name} of this project`
          : project
            ? `container ${name} of msctl project ${project}`
            : `container ${name} (not managed by msctl)`;
      conflicts.push({ node: port.node, hostIp: port.hostIp, hostPort: port.hostPort, holder: description });
      continue;
    }
    if (options.localEngine && (await isTaken(port.hostIp, port.hostPort))) {
      const process = await findListeningProcess(port.hostPort);
      conflicts.push({
        node: port.node,
        hostIp: port.hostIp,
        hostPort: port.hostPort,
        holder: process ? `host process ${process.name} (pid ${process.pid})` : 'a process on this host',
      });
    }
  }
  return conflicts;
}

/**
 * The create body of a replacement container that keeps the host ports its predecessor was given where
 * msctl.yaml asks for none: an edit must not move a service to a new random port.
 */
export function keepHostPorts(
  options: Docker.ContainerCreateOptions,
  desired: DesiredContainer,
  existing: ObservedContainer | undefined,
): Docker.ContainerCreateOptions | undefined {
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {
    ...options.HostConfig?.PortBindings,
  };
  let kept = false;
  for (const port of desired.ports) {
    if (port.hostPort !== undefined) continue;
    const previous = existing?.ports.find(
      (candidate) =>
        candidate.containerPort === port.containerPort &&
        candidate.hostPort !== undefined &&
        (candidate.hostIp === port.hostIp || anyAddress(candidate.hostIp)),
    );
    if (previous?.hostPort === undefined) continue;
    const key = `${port.containerPort}/tcp`;
    bindings[key] = (bindings[key] ?? []).map((binding) =>
      binding.HostIp === port.hostIp && binding.HostPort === ''
        ? { ...binding, HostPort: String(previous.hostPort) }
        : binding,
    );
    kept = true;
  }
  return kept ? { ...options, HostConfig: { ...options.HostConfig, PortBindings: bindings } } : undefined;
}

/** The engine refused to start a container because a host port it asks for is taken. */
export function isPortTaken(error: unknown): boolean {
  return /port is already allocated|address already in use/i.test(
    (error as { json?: { message?: string } }).json?.message ?? (error as Error).message ?? '',
  );
}

function isTaken(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** Linux only, best effort: the process that listens on a TCP port, through /proc. */
async function findListeningProcess(port: number): Promise<{ pid: number; name: string } | undefined> {
  try {
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      const text = await readFile(table, 'utf8').catch(() => '');
      for (const line of text.split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        const local = fields[1];
        // State 0A is LISTEN.
        if (local && fields[3] === '0A' && Number.parseInt(local.split(':')[1] ?? '', 16) === port) {
          inodes.add(fields[9] as string);
        }
      }
    }
    if (inodes.size === 0) return undefined;
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const descriptors = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
      for (const descriptor of descriptors) {
        const target = await readlink(`/proc/${entry}/fd/${descriptor}`).catch(() => '');
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) {
          const name = (await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '?')).trim();
          return { pid: Number(entry), name };
        }
      }
    }
  } catch {
    // /proc is not there (macOS, Windows): the caller says "a process on this host".
  }
  return undefined;
}
