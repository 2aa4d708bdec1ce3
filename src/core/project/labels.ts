/** Labels on everything `msctl up` creates: `down`, `ps` and `logs` find resources by them alone. */
export const LABELS = {
  project: 'dev.msctl.project',
  service: 'dev.msctl.service',
  configHash: 'dev.msctl.config-hash',
  kind: 'dev.msctl.kind',
  /** Comma-separated dependencies, so `down` can stop in reverse order without msctl.yaml. */
  dependsOn: 'dev.msctl.depends-on',
  /** How msctl checks the container's readiness (JSON), so `ps` asks the same question `up` waited on. */
  readiness: 'dev.msctl.readiness',
  /** Content hash of a service's build context, on its image: an unchanged context skips the build. */
  contextHash: 'dev.msctl.context-hash',
} as const;

/** Docker filter that selects the resources of one project, and nothing else. */
export function projectFilter(project: string): { label: string[] } {
  return { label: [`${LABELS.project}=${project}`] };
}
