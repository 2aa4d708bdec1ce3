import type { WorkspaceConfig } from '../../config/schema.js';
import { runningMsctlVersion } from '../../package-version.js';

/**
 * The command CI runs msctl with: the exact version recorded in msctl.yaml (else the one generating), fetched
 * by npx from the registry, so that every pipeline lints and checks drift with the msctl the team chose.
 */
export function msctlCommand(workspace: WorkspaceConfig): string {
  return `npx --yes msctl@${workspace.msctl ?? runningMsctlVersion()}`;
}
