import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type LintOptions, lintDocument, rulesetFromPreset } from '../../src/core/lint/lint.js';
import { findBuiltInRule } from '../../src/core/lint/rules/index.js';
import type { Finding } from '../../src/core/lint/types.js';

const folders: string[] = [];

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test file. */
export async function temporaryFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'msctl-lint-'));
  folders.push(folder);
  return folder;
}

/** Writes files (name -> text) into a fresh temporary folder and returns the folder. */
export async function writeFiles(files: Record<string, string | Uint8Array>): Promise<string> {
  const folder = await temporaryFolder();
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(folder, name), content);
  }
  return folder;
}

/** Lints `text`, written to a real file, with only the named built-in rules at their default severities. */
export async function lintText(
  text: string,
  ruleIds: readonly string[],
  fileName = 'openapi.yaml',
  options: LintOptions = {},
): Promise<Finding[]> {
  const folder = await writeFiles({ [fileName]: text });
  const severities = new Map(
    ruleIds.map((id) => {
      const rule = findBuiltInRule(id);
      if (!rule) throw new Error(`no built-in rule ${id}`);
      return [id, rule.severity] as const;
    }),
  );
  const result = await lintDocument(join(folder, fileName), {
    ruleset: rulesetFromPreset(severities),
    cwd: folder,
    ...options,
  });
  return result.findings;
}

/**
 * The YAML alias bomb of the issue that found it (587 bytes): 16 anchors, each a flow sequence of nine aliases of
 * the one before, 10^15 nodes when aliases are read as copies. `prefix` goes before each key (`x-` for extensions).
 */
export function yamlAliasBomb(prefix = ''): string {
  const names = 'abcdefghijklmnop';
  const lines = [`${prefix}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let level = 1; level < names.length; level++) {
    const name = names[level] as string;
    lines.push(
      `${prefix}${name}: &${name} [${Array(9)
        .fill(`*${names[level - 1]}`)
        .join(',')}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}
