import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { WORKSPACE_FILE } from '../../core/config/find.js';
import { dnsLabel } from '../../core/config/schema.js';
import { UserError } from '../../core/errors.js';
import { defineTool, MAX_PATH_LENGTH, workspaceRootField } from '../tool.js';

export const initWorkspaceTool = () =>
  defineTool({
    name: 'init_workspace',
    title: 'Create or open a workspace',
    description:
      "Gives a session without a workspace one: creates msctl.yaml (with a .gitignore and a README) in `folder`, or opens the msctl.yaml already there without changing it. Only while the session has no workspace (the server's folder or its client's roots had none); afterwards every tool works in it, and only in it.",
    input: {
      folder: z
        .string()
        .max(MAX_PATH_LENGTH, `must be at most ${MAX_PATH_LENGTH} characters`)
        .refine((value) => path.isAbsolute(value), 'must be an absolute path')
        .describe('Absolute path of the workspace folder; created if missing'),
      name: dnsLabel.describe('The project name for a new msctl.yaml (a DNS-1123 label, e.g. "shop")'),
      registry: z
        .string()
        .max(255, 'must be at most 255 characters')
        .optional()
        .describe(
          'Where CI pushes images and Kubernetes pulls them from (images.registry), e.g. "ghcr.io/acme/shop"; generate_manifests needs it for Kubernetes',
        ),
    },
    output: {
      workspaceRoot: workspaceRootField,
      created: z
        .boolean()
        .describe('A new msctl.yaml was written; false when the folder was a workspace already'),
      written: z.array(z.string()).describe('Files written, relative to the workspace root'),
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run({ folder, name, registry }, session) {
      const root = path.resolve(folder);
      const file = path.join(root, WORKSPACE_FILE);
      if (existsSync(file)) {
        await session.adopt(file);
        // Opened as every tool will open it: an invalid msctl.yaml is said now.
        await session.workspace();
        return { workspaceRoot: root, created: false, written: [] };
      }
      // Refused before anything is written when the session has a workspace already.
      if (await session.workspaceFile()) await session.adopt(file);
      if (existsSync(root) && !statSync(root).isDirectory()) {
        throw new UserError(
          `"folder" names ${root}, which is not a folder.`,
          'Pass the absolute path of a folder.',
        );
      }
      const [{ initWorkspace }, { describeWriteFailure }] = await Promise.all([
        import('../../core/workspace/init.js'),
        import('../../core/generate/write-files.js'),
      ]);
      const result = await initWorkspace({ directory: root, name, registry }).catch((error: unknown) => {
        // A folder that cannot be written (no permission, a file in the way) is the agent's to fix, not a bug.
        throw describeWriteFailure(error, root);
      });
      await session.adopt(file);
      return { workspaceRoot: root, created: true, written: result.written };
    },
  });
