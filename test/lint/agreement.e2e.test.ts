import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { msctlBin, repositoryRoot } from '../support/cli.js';
import { temporaryFolder } from './helpers.js';

/**
 * msctl:oas must report what Spectral's spectral:oas reports, rule for rule and path for path, on real specs.
 * Every difference is listed here with the reason msctl deliberately differs.
 */
const SPECS_FOLDER = path.resolve(repositoryRoot, '../shared/specs');
const SPECS = [
  'petstore.yaml',
  'train-travel/openapi.yaml',
  'twilio_api_v2010.json',
  'k8s-swagger2.json',
  'stripe-spec3-2023-09.yaml',
  'digitalocean/specification/DigitalOcean-public.v2.yaml',
];

interface Divergence {
  /** `code file#dotted.path`, as compared. */
  finding: string;
  /** Which tool reports it. */
  reportedBy: 'msctl' | 'Spectral';
  why: string;
}

const DATE_TIME_WITHOUT_OFFSET =
  'The example is a date-time without a time-zone offset. RFC 3339 requires the offset; Spectral validates formats with ajv-formats 2, which accepts it, msctl with ajv-formats 3, which does not.';

const KNOWN_DIVERGENCES: Record<string, Divergence[]> = {
  'twilio_api_v2010.json': [
    {
      finding:
        'oas3-valid-media-example twilio_api_v2010.json#paths./2010-04-01/Accounts/{AccountSid}/Calls.json.get.parameters.9.examples.readEmptyDateFunDateFormats.value',
      reportedBy: 'msctl',
      why: DATE_TIME_WITHOUT_OFFSET,
    },
    {
      finding:
        'oas3-valid-media-example twilio_api_v2010.json#paths./2010-04-01/Accounts/{AccountSid}/Messages.json.get.parameters.5.examples.readEmptySentdateGreaterFormat2.value',
      reportedBy: 'msctl',
      why: DATE_TIME_WITHOUT_OFFSET,
    },
  ],
};

interface SpectralFinding {
  code: string;
  path: (string | number)[];
  source: string;
}

/** `code file#path`, with the file relative to the spec's folder so that both tools' absolute paths compare. */
function keysOf(findings: SpectralFinding[], folder: string): Set<string> {
  return new Set(
    findings.map(
      (finding) =>
        `${finding.code} ${path.relative(folder, finding.source).split(path.sep).join('/')}#${finding.path.join('.')}`,
    ),
  );
}

/** Spectral prints a sentence after the JSON when there are no errors; keep the JSON. */
function parseJsonArray(output: string): SpectralFinding[] {
  const end = output.lastIndexOf(']');
  return end < 0 ? [] : (JSON.parse(output.slice(0, end + 1)) as SpectralFinding[]);
}

describe('agreement with Spectral on spectral:oas', () => {
  for (const name of SPECS) {
    const spec = path.join(SPECS_FOLDER, name);
    if (!existsSync(spec)) {
      it.skip(`${name}: SKIPPED, ${spec} is not on this machine (the specs are in ../shared/specs in CI)`, () => {});
      console.warn(`agreement test: skipping ${name}: ${spec} not found`);
      continue;
    }
    it(`reports the same (rule, path) set as Spectral on ${name}`, async () => {
      const folder = await temporaryFolder();
      const ruleset = path.join(folder, '.spectral.yaml');
      await writeFile(ruleset, 'extends: spectral:oas\n');
      const [spectral, msctl] = await Promise.all([
        execa(
          path.join(repositoryRoot, 'node_modules/.bin/spectral'),
          ['lint', '-r', ruleset, '-f', 'json', spec],
          {
            reject: false,
            cwd: folder,
            maxBuffer: 512 * 1024 * 1024,
          },
        ),
        execa(process.execPath, [msctlBin, 'lint', '--ruleset', ruleset, '-f', 'json', spec], {
          reject: false,
          cwd: folder,
          env: { NO_COLOR: '1' },
          maxBuffer: 512 * 1024 * 1024,
        }),
      ]);
      expect([0, 1]).toContain(msctl.exitCode);
      const specFolder = path.dirname(spec);
      const theirs = keysOf(parseJsonArray(String(spectral.stdout)), specFolder);
      const ours = keysOf(parseJsonArray(String(msctl.stdout)), specFolder);
      const known = KNOWN_DIVERGENCES[path.basename(name)] ?? [];
      const onlyOurs = [...ours].filter((key) => !theirs.has(key));
      const onlyTheirs = [...theirs].filter((key) => !ours.has(key));
      expect(onlyOurs.sort()).toEqual(
        known
          .filter((divergence) => divergence.reportedBy === 'msctl')
          .map((divergence) => divergence.finding)
          .sort(),
      );
      expect(onlyTheirs.sort()).toEqual(
        known
          .filter((divergence) => divergence.reportedBy === 'Spectral')
          .map((divergence) => divergence.finding)
          .sort(),
      );
    });
  }
});
