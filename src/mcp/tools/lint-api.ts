import { realpath } from 'node:fs/promises';
import { z } from 'zod';
import { ToolFailure } from '../answer.js';
import { pathInsideWorkspace } from '../session.js';
import { defineTool, MAX_PATH_LENGTH, workspaceRootField } from '../tool.js';

const MAX_FILES = 100;
/** `spectral:oas`, `msctl:strict`: a preset, which the ruleset loader knows, rather than a file. */
const PRESET_NAME = /^[\w@-]{2,}:[\w.@-]+$/;

const position = z.object({ line: z.int(), character: z.int() });
const finding = z.looseObject({
  code: z.string().describe('The rule id'),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).describe('Where in the file, as keys and indices'),
  severity: z.int().min(0).max(3).describe('0 error, 1 warning, 2 info, 3 hint'),
  range: z.object({ start: position, end: position }).describe('Zero-based lines and characters'),
  source: z.string().describe('Absolute path of the file the finding is in'),
  service: z.string().optional().describe('The msctl.yaml service whose `api` this is'),
});

export const lintApiTool = () =>
  defineTool({
    name: 'lint_api',
    title: 'Lint OpenAPI descriptions',
    description:
      "Checks OpenAPI descriptions against the workspace's governance rules (msctl:recommended unless msctl.yaml or a ruleset says otherwise). Without files, every service's `api`. Reads only files inside the workspace, `$ref` targets included (symlinks resolved), and never the network. Findings have Spectral's shape: code, message, path, severity (0 error .. 3 hint), zero-based range, source. A document that cannot be read makes the answer a tool error that names it.",
    input: {
      files: z
        .array(z.string().min(1).max(MAX_PATH_LENGTH, `must be at most ${MAX_PATH_LENGTH} characters`))
        .max(MAX_FILES, `must name at most ${MAX_FILES} files`)
        .optional()
        .describe('Documents to lint, relative to the workspace folder (or absolute inside it)'),
      ruleset: z
        .string()
        .min(1)
        .max(MAX_PATH_LENGTH, `must be at most ${MAX_PATH_LENGTH} characters`)
        .optional()
        .describe(
          "A Spectral-style ruleset file inside the workspace, or a preset (msctl:recommended, msctl:strict, spectral:oas), instead of msctl.yaml's governance",
        ),
    },
    output: {
      workspaceRoot: workspaceRootField,
      findings: z.array(finding),
      failures: z
        .array(z.object({ source: z.string(), message: z.string(), hint: z.string().optional() }))
        .describe('Documents that could not be linted, with the message `msctl lint` prints'),
      summary: z.object({
        documents: z.int().describe('Documents linted'),
        failed: z.int().describe('Documents that could not be linted'),
        errors: z.int(),
        warnings: z.int(),
      }),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async run({ files, ruleset: rulesetFile }, session) {
      const [{ lintFiles }, { resolveLintRuleset, serviceTargets }] = await Promise.all([
        import('../../core/lint/lint.js'),
        import('../../core/lint/workspace-targets.js'),
      ]);
      const workspace = await session.workspace();
      const { root } = workspace;
      const targets =
        files && files.length > 0
          ? await Promise.all(
              files.map(async (file, index) => ({
                file: await pathInsideWorkspace(root, file, `files[${index}]`),
              })),
            )
          : await Promise.all(
              serviceTargets(workspace).map(async (target) => ({
                ...target,
                file: await pathInsideWorkspace(root, target.file, `services.${target.service}.api`),
              })),
            );
      const realRoot = await realpath(root);
      const ruleset = await resolveLintRuleset({
        rulesetFile:
          rulesetFile === undefined || PRESET_NAME.test(rulesetFile)
            ? rulesetFile
            : await pathInsideWorkspace(root, rulesetFile, 'ruleset'),
        workspace,
        cwd: root,
        confineReadsTo: realRoot,
      });
      const result = await lintFiles(targets, {
        ruleset,
        cwd: root,
        allowedFolders: [realRoot],
        confineReadsTo: realRoot,
      });
      const failures = result.failures.map((failure) => ({
        source: failure.source,
        message: failure.message,
        ...(failure.hint ? { hint: failure.hint } : {}),
      }));
      const answer = {
        workspaceRoot: root,
        findings: JSON.parse(JSON.stringify(result.findings)),
        failures,
        summary: {
          documents: targets.length - failures.length,
          failed: failures.length,
          errors: result.findings.filter((item) => item.severity === 0).length,
          warnings: result.findings.filter((item) => item.severity === 1).length,
        },
      };
      if (failures.length > 0) {
        const lines = failures.map((failure) => [failure.message, failure.hint].filter(Boolean).join('\n'));
        throw new ToolFailure(
          `${failures.length} of ${targets.length} document${targets.length === 1 ? '' : 's'} could not be linted:\n${lines.join('\n')}`,
          answer,
        );
      }
      return answer;
    },
  });
