import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, rulesetFromPreset } from '../../src/core/lint/lint.js';
import { presetSeverities } from '../../src/core/lint/presets.js';
import { temporaryFolder } from './helpers.js';

const repositoryRoot = join(import.meta.dirname, '../..');
const REFS = 20_000;

describe('a description with many $refs and reference cycles', () => {
  it(`reports exactly the planted problems of a generated spec with ${REFS} $refs, through every cycle`, async () => {
    const folder = await temporaryFolder();
    const file = join(folder, 'openapi.json');
    const generated = JSON.parse(
      execFileSync(process.execPath, [
        join(repositoryRoot, 'scripts/bench/generate-ref-spec.js'),
        '--refs',
        String(REFS),
        '--out',
        file,
      ]).toString(),
    ) as { refs: number };
    expect(Math.abs(generated.refs - REFS)).toBeLessThan(10);

    const result = await lintDocument(file, {
      ruleset: rulesetFromPreset(presetSeverities('msctl:oas')),
      cwd: folder,
    });

    expect(result.findings.map((finding) => [finding.code, finding.path.join(' > ')]).sort()).toEqual(
      [
        // Reached only through CycleStart -> CycleMiddle -> CycleEnd -> CycleStart.
        ['duplicated-entry-in-enum', 'components > schemas > CycleEnd > properties > state > enum'],
        ['oas3-valid-schema-example', 'components > schemas > CycleEnd > properties > rank > example'],
        // Below a schema that contains itself.
        ['duplicated-entry-in-enum', 'components > schemas > TreeNode > properties > kind > enum'],
        ['oas3-unused-component', 'components > schemas > Orphan'],
        ['operation-operationId', 'paths > /resources0/{id} > delete'],
      ].sort(),
    );
    expect(result.sources).toEqual([file]);
  }, 60_000);
});
