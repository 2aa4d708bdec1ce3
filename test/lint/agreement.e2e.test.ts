/**
 * Agreement with Spectral: on the real specs in `../shared/specs/`, one ruleset file (`extends: spectral:oas`) run by
 * the real Spectral CLI and by our engine gives the same set of (rule, file, path) findings, except the known,
 * documented divergences listed below (each also explained in the rule's `documentation.divergence`).
 *
 * Spectral takes seconds per spec, so its results are cached in `node_modules/.cache/msctl-agreement/`, keyed by
 * the spec's files, Spectral's version and the ruleset.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../../src/core/lint/lint.js';
import { loadRuleset } from '../../src/core/lint/ruleset/load-ruleset.js';
import { temporaryFolder } from './helpers.js';

const run = promisify(execFile);
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const specsFolder = resolve(repositoryRoot, '..', 'shared', 'specs');
const cacheFolder = join(repositoryRoot, 'node_modules', '.cache', 'msctl-agreement');
const spectralBinary = join(repositoryRoot, 'node_modules', '.bin', 'spectral');
/** The recommended rules, and every rule (Spectral's `all`, which turns on the ones off by default). */
const RULESETS: Readonly<Record<string, string>> = {
  'spectral:oas': 'extends: spectral:oas\n',
  'spectral:oas, all': 'extends: [[spectral:oas, all]]\n',
};

/** The specs compared, relative to `../shared/specs/`; those absent are skipped one by one. */
const SPECS = [
  'petstore.yaml',
  'train-travel/openapi.yaml',
  'twilio_api_v2010.json',
  'k8s-swagger2.json',
  'stripe-spec3-2023-09.yaml',
  'digitalocean/specification/DigitalOcean-public.v2.yaml',
];

interface KnownDivergence {
  rule: string;
  spec: string;
  /** `missing`: Spectral reports it and we do not; `extra`: the other way round. */
  side: 'missing' | 'extra';
  /** Why; the rule's `documentation.divergence` says the same for users. */
  reason: string;
}

/** Every deliberate difference. A divergence that no longer happens fails the test, so the list cannot rot. */
const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [
  {
    rule: 'oas3-valid-media-example',
    spec: 'twilio_api_v2010.json',
    side: 'extra',
    reason:
      'Spectral validates formats with ajv-formats 2, whose `date-time` accepts a time without a time zone ("2019-06-11 22:05:25.000"); ajv-formats 3 requires the zone, as RFC 3339 does.',
  },
];

interface Comparable {
  code: string;
  source?: string;
  path: (string | number)[];
}

const isPresent = existsSync(specsFolder);
if (!isPresent) {
  process.stderr.write(
    `\n!!! agreement with Spectral SKIPPED: the specs folder ${specsFolder} (../shared/specs from the repository root) is absent.\n\n`,
  );
}

describe.skipIf(!isPresent)('agreement with Spectral', async () => {
  const spectralVersion = await versionOf('@stoplight/spectral-cli');
  const rulesetsVersion = await versionOf('@stoplight/spectral-rulesets');

  for (const [rulesetName, rulesetText] of Object.entries(RULESETS)) {
    for (const spec of SPECS) {
      const specPath = join(specsFolder, spec);
      it.skipIf(!existsSync(specPath))(`${rulesetName}: finds what Spectral finds on ${spec}`, async () => {
        const folder = await temporaryFolder();
        const rulesetFile = join(folder, '.spectral.yaml');
        await writeFile(rulesetFile, rulesetText);
        const theirs = await spectralFindings(
          specPath,
          rulesetFile,
          rulesetText,
          `${spectralVersion}+${rulesetsVersion}`,
        );
        const ruleset = await loadRuleset({ file: rulesetFile, cwd: folder });
        const ours = (await lintDocument(specPath, { ruleset, cwd: specsFolder })).findings;

        const theirKeys = new Set(theirs.map(keyOf));
        const ourKeys = new Set(ours.map(keyOf));
        const missing = [...theirKeys].filter((key) => !ourKeys.has(key));
        const extra = [...ourKeys].filter((key) => !theirKeys.has(key));
        const known = KNOWN_DIVERGENCES.filter((divergence) => divergence.spec === spec);
        const explained = (side: KnownDivergence['side'], key: string) =>
          known.some((divergence) => divergence.side === side && key.startsWith(`${divergence.rule}\t`));

        expect(
          missing.filter((key) => !explained('missing', key)),
          'reported by Spectral only',
        ).toEqual([]);
        expect(
          extra.filter((key) => !explained('extra', key)),
          'reported by msctl only',
        ).toEqual([]);
        for (const divergence of known) {
          const list = divergence.side === 'missing' ? missing : extra;
          expect(
            list.some((key) => key.startsWith(`${divergence.rule}\t`)),
            `known divergence of ${divergence.rule} on ${spec} no longer happens: remove it`,
          ).toBe(true);
        }
      });
    }
  }
});

/** `rule<TAB>file relative to the specs folder<TAB>path`, array indexes as strings (Spectral's paths mix both). */
function keyOf(finding: Comparable): string {
  const file = finding.source ? relative(specsFolder, finding.source).split(sep).join('/') : '';
  return `${finding.code}\t${file}\t${JSON.stringify(finding.path.map(String))}`;
}

async function versionOf(packageName: string): Promise<string> {
  const manifest = join(repositoryRoot, 'node_modules', ...packageName.split('/'), 'package.json');
  return (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
}

/** Spectral's findings, from the cache when the spec, Spectral and the ruleset are unchanged. */
async function spectralFindings(
  specPath: string,
  rulesetFile: string,
  rulesetText: string,
  version: string,
): Promise<Comparable[]> {
  const hash = createHash('sha256').update(`${version}\n${rulesetText}\n`);
  for (const file of await specFiles(specPath)) {
    hash.update(`${relative(specsFolder, file)}\n`);
    hash.update(await readFile(file));
  }
  const cacheFile = join(cacheFolder, `${hash.digest('hex').slice(0, 32)}.json`);
  if (existsSync(cacheFile)) return JSON.parse(await readFile(cacheFile, 'utf8')) as Comparable[];

  const output = join(dirname(rulesetFile), 'spectral-output.json');
  try {
    await run(spectralBinary, ['lint', '--quiet', '-f', 'json', '-o', output, '-r', rulesetFile, specPath], {
      cwd: dirname(rulesetFile),
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // Exit code 1 means "found errors": the results are still written.
    if ((error as { code?: unknown }).code !== 1) throw error;
  }
  const findings = (JSON.parse(await readFile(output, 'utf8')) as Comparable[]).map(
    ({ code, source, path }) => ({
      code,
      path,
      ...(source ? { source } : {}),
    }),
  );
  await mkdir(cacheFolder, { recursive: true });
  await writeFile(cacheFile, JSON.stringify(findings));
  await rm(output, { force: true });
  return findings;
}

/** The files a spec may reach: itself, and everything beside it when it lives in its own folder. */
async function specFiles(specPath: string): Promise<string[]> {
  if (dirname(specPath) === specsFolder) return [specPath];
  const folder = join(specsFolder, relative(specsFolder, specPath).split(sep)[0] as string);
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
