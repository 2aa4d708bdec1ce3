/**
 * The Pod Security Standards "restricted" profile (which includes "baseline"), as documented for Kubernetes
 * 1.32 at kubernetes.io/docs/concepts/security/pod-security-standards. Returns every violation of a pod
 * spec, each naming the control it breaks.
 */
type Container = {
  name?: string;
  ports?: { hostPort?: number }[];
  securityContext?: SecurityContext;
};
type SecurityContext = {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
  appArmorProfile?: { type?: string };
  seLinuxOptions?: { type?: string; user?: string; role?: string };
  procMount?: string;
  windowsOptions?: { hostProcess?: boolean };
};
type PodSpec = {
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContext & { sysctls?: { name: string }[] };
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Record<string, unknown>[];
};

const RESTRICTED_VOLUME_TYPES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

export function restrictedViolations(spec: PodSpec): string[] {
  const violations: string[] = [];
  const pod = spec.securityContext ?? {};
  const containers = [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
    ...(spec.ephemeralContainers ?? []),
  ];
  const contexts: [string, SecurityContext][] = [
    ['pod', pod],
    ...containers.map((container): [string, SecurityContext] => [
      `container ${container.name}`,
      container.securityContext ?? {},
    ]),
  ];

  // Baseline.
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC)
    violations.push('Host Namespaces: hostNetwork, hostPID and hostIPC must be unset or false');
  for (const [where, context] of contexts) {
    if (context.windowsOptions?.hostProcess) violations.push(`HostProcess: ${where} sets hostProcess`);
    if (context.privileged) violations.push(`Privileged Containers: ${where} is privileged`);
    if (
      context.appArmorProfile?.type &&
      !['RuntimeDefault', 'Localhost'].includes(context.appArmorProfile.type)
    ) {
      violations.push(`AppArmor: ${where} uses ${context.appArmorProfile.type}`);
    }
    const seLinux = context.seLinuxOptions;
    if (seLinux && (!SELINUX_TYPES.has(seLinux.type ?? '') || seLinux.user || seLinux.role))
      violations.push(`SELinux: ${where} sets a custom SELinux type, user or role`);
    if (context.procMount && context.procMount !== 'Default')
      violations.push(`/proc Mount Type: ${where} uses ${context.procMount}`);
  }
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.hostPort)
        violations.push(`Host Ports: container ${container.name} uses hostPort ${port.hostPort}`);
    }
  }
  for (const sysctl of pod.sysctls ?? [])
    if (!SAFE_SYSCTLS.has(sysctl.name)) violations.push(`Sysctls: ${sysctl.name} is not a safe sysctl`);

  // Restricted.
  for (const volume of spec.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== 'name');
    if (!type || !RESTRICTED_VOLUME_TYPES.has(type))
      violations.push(`Volume Types: volume ${String(volume.name)} is ${type}`);
  }
  for (const container of containers) {
    const context = container.securityContext ?? {};
    const where = `container ${container.name}`;
    if (context.allowPrivilegeEscalation !== false)
      violations.push(`Privilege Escalation: ${where} must set allowPrivilegeEscalation: false`);
    if (context.runAsNonRoot === false || (context.runAsNonRoot !== true && pod.runAsNonRoot !== true)) {
      violations.push(`Running as Non-root: ${where} must run with runAsNonRoot: true (pod or container)`);
    }
    const seccomp = context.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
      violations.push(`Seccomp: ${where} must use RuntimeDefault or Localhost`);
    if (!context.capabilities?.drop?.includes('ALL')) violations.push(`Capabilities: ${where} must drop ALL`);
    for (const added of context.capabilities?.add ?? []) {
      if (added !== 'NET_BIND_SERVICE') violations.push(`Capabilities: ${where} adds ${added}`);
    }
  }
  for (const [where, context] of contexts) {
    if (context.runAsUser === 0) violations.push(`Running as Non-root user: ${where} sets runAsUser: 0`);
    if (context.seccompProfile?.type === 'Unconfined') violations.push(`Seccomp: ${where} is Unconfined`);
  }
  return violations;
}
