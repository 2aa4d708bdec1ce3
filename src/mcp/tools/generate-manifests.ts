import path from 'node:path';
import { z } from 'zod';
import { ALL_KINDS, type GenerateKind } from '../../core/generate/plan.js';
import type { Session } from '../session.js';
import { defineTool, workspaceRootField } from '../tool.js';

const input = {
  what: z
    .enum(['k8s', 'ci', 'compose', 'all'])
    .default('all')
    .describe(
      'Kubernetes manifests, CI pipelines, compose.yaml, or all (compose only where compose.yaml exists)',
    ),
};

const output = {
  workspaceRoot: workspaceRootField,
  drift: z.boolean().describe('Something differs from what msctl.yaml generates'),
  written: z
    .array(z.string())
    .describe('Files written, relative to the workspace root; none for plan_manifests'),
  files: z.array(
    z.object({
      path: z.string().describe('Relative to the workspace root'),
      action: z
        .enum(['create', 'update', 'merge', 'conflict', 'unchanged', 'edited', 'owned', 'delete', 'extra'])
        .describe(
          'merge: edits kept and the new output applied; conflict: both changed the same place (markers written); edited: kept as edited; owned: listed in generate.owned; delete: no longer generated and untouched; extra: no longer generated but edited',
        ),
      reason: z.string(),
      conflicts: z
        .array(z.string())
        .describe('Where the edits and msctl.yaml collide: key paths or line ranges'),
    }),
  ),
  deleted: z
    .array(z.string())
    .describe('Files msctl generated and no longer does; deleted by generate_manifests'),
  conflicts: z
    .array(z.string())
    .describe('Files that need the user: conflicts to resolve, edited files no longer generated'),
};

/** `generate_manifests` refuses `write`, which it had before plan_manifests took the comparing. */
const NOTES = {
  write: 'generate_manifests always writes; plan_manifests compares without writing.',
  force:
    'Files edited by hand are never overwritten: the new output is merged into them, and a conflict is written with markers to resolve.',
};

export const planManifestsTool = () =>
  defineTool({
    name: 'plan_manifests',
    title: 'Compare generated manifests and CI pipelines',
    description:
      'Compares what msctl.yaml generates (Kubernetes manifests, CI pipelines, compose.yaml) with the files on disk: per file create, update, merge (edits kept), conflict, edited, owned, delete or extra, and whether anything drifted. Writes nothing; generate_manifests writes.',
    input,
    output,
    annotations: { readOnlyHint: true, openWorldHint: false },
    unknownArgumentNotes: NOTES,
    run: ({ what }, session) => regenerate(session, what, false),
  });

export const generateManifestsTool = () =>
  defineTool({
    name: 'generate_manifests',
    title: 'Generate Kubernetes manifests and CI pipelines',
    description:
      'Writes what msctl.yaml generates (Kubernetes manifests, CI pipelines, compose.yaml) where it differs from the files in the workspace: creates and updates files msctl wrote, merges the new output into files edited by hand (a conflict gets git-style markers and is reported), and deletes untouched files msctl no longer generates. plan_manifests previews it.',
    input,
    output,
    // Destructive in MCP's sense: it replaces and deletes files msctl generated (never a user's edit, which it merges).
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    writes: true,
    unknownArgumentNotes: NOTES,
    fallbackHint: NOTES.force,
    run: ({ what }, session) => regenerate(session, what, true),
  });

async function regenerate(session: Session, what: GenerateKind | 'all', write: boolean) {
  const { regenerateWorkspace } = await import('../../core/generate/regenerate.js');
  const file = await session.workspaceFile();
  if (!file) throw session.noWorkspace();
  const kinds: readonly GenerateKind[] = what === 'all' ? ALL_KINDS : [what];
  // Under the workspace lock when writing, so that a create_service meanwhile is never undone.
  const { root, plan, written } = await regenerateWorkspace({
    cwd: path.dirname(file),
    configFile: file,
    kinds,
    all: what === 'all',
    write,
  });
  return {
    workspaceRoot: root,
    drift: plan.drift,
    written,
    files: plan.files.map(({ path: file, action, reason, conflicts }) => ({
      path: file,
      action,
      reason,
      conflicts,
    })),
    deleted: plan.files.filter((entry) => entry.action === 'delete').map((entry) => entry.path),
    conflicts: plan.files
      .filter((entry) => entry.action === 'conflict' || entry.action === 'extra')
      .map((entry) => entry.path),
  };
}
