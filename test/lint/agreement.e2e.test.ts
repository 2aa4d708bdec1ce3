/**
 * msctl:oas must report what Spectral's spectral:oas reports, rule for rule and path for path, on real specs:
 * the same ruleset file run by the real Spectral CLI and by `msctl lint --ruleset` (the built binary) gives the
 * same set of (rule, file, path) findings, worded the same where both report one. Every difference is listed
 * here with the reason msctl deliberately differs (the rule's `documentation.divergence` says the same to users);
 * a listed difference that no longer happens fails too, so the list cannot rot.
 *
 * Spectral takes seconds per spec (a minute on DigitalOcean), so its results are cached in
 * `node_modules/.cache/msctl-agreement/`, keyed by the spec's files, Spectral's version and the ruleset.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { msctlBin, repositoryRoot } from '../support/cli.js';
import { temporaryFolder } from './helpers.js';

/** Vendored with their provenance (SOURCES.md there), so that a fresh clone runs every case. */
const SPECS_FOLDER = path.join(repositoryRoot, 'test/fixtures/specs');
const CACHE_FOLDER = path.join(repositoryRoot, 'node_modules/.cache/msctl-agreement');
const SPECS = [
  'petstore.yaml',
  'train-travel/openapi.yaml',
  'twilio_api_v2010.json',
  'k8s-swagger2.json',
  'stripe-spec3-2023-09.yaml',
  'digitalocean/specification/DigitalOcean-public.v2.yaml',
];

/** The recommended rules, and every rule (Spectral's `all` turns on the ones that are off by default). */
const RULESETS: Readonly<Record<string, string>> = {
  'spectral:oas': 'extends: spectral:oas\n',
  'spectral:oas with all': 'extends: [[spectral:oas, all]]\n',
};

interface Divergence {
  /** `code file#dotted.path`, as compared. */
  finding: string;
  /** Instead of one `finding`: every finding of one kind, with how many there are on this spec. */
  matching?: { pattern: RegExp; count: number };
  /** Which tool reports it. */
  reportedBy: 'msctl' | 'Spectral';
  why: string;
}

const DATE_TIME_WITHOUT_OFFSET =
  'The example is a date-time without a time-zone offset. RFC 3339 requires the offset; Spectral validates formats with ajv-formats 2, which accepts it, msctl with ajv-formats 3, which does not.';

const OPERATION_REFERENCE =
  "DigitalOcean writes each operation as a `$ref` to its own file (`get: { $ref: ... }`), which OpenAPI does not allow. Spectral's oas3-schema reports two errors per `$ref` (`responses` missing at the operation, `$ref` not expected); msctl leaves these `$ref`s to its `operation-ref` rule (one warning each, in msctl:recommended, and the operation it names validated as an Operation). See docs/rules/oas3-schema.md.";

/** By spec; they hold for both rulesets (the rules concerned are recommended). */
const KNOWN_DIVERGENCES: Record<string, Divergence[]> = {
  'DigitalOcean-public.v2.yaml': [
    {
      finding: 'oas3-schema at every operation $ref, and at the $ref itself',
      matching: {
        pattern:
          /^oas3-schema DigitalOcean-public\.v2\.yaml#paths\.[^#]+\.(get|put|post|delete|options|head|patch|trace)(\.\$ref)?$/,
        count: 1318,
      },
      reportedBy: 'Spectral',
      why: OPERATION_REFERENCE,
    },
  ],
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

interface Finding {
  code: string;
  path: (string | number)[];
  source: string;
  message: string;
}

/** `code file#path`, with the file relative to the spec's folder so that both tools' absolute paths compare. */
function keyOf(finding: Finding, folder: string): string {
  return `${finding.code} ${path.relative(folder, finding.source).split(path.sep).join('/')}#${finding.path.join('.')}`;
}

function keysOf(findings: Finding[], folder: string): Set<string> {
  return new Set(findings.map((finding) => keyOf(finding, folder)));
}

/** The messages of the findings at each key (a place can hold several, e.g. schema errors), sorted. */
function messagesOf(findings: Finding[], folder: string): Map<string, string> {
  const byKey = new Map<string, Set<string>>();
  for (const finding of findings) {
    const key = keyOf(finding, folder);
    byKey.set(key, (byKey.get(key) ?? new Set()).add(finding.message));
  }
  return new Map([...byKey].map(([key, messages]) => [key, [...messages].sort().join(' | ')]));
}

/** Spectral prints a sentence after the JSON when there are no errors; keep the JSON. */
function parseJsonArray(output: string): Finding[] {
  const end = output.lastIndexOf(']');
  return end < 0 ? [] : (JSON.parse(output.slice(0, end + 1)) as Finding[]);
}

describe('agreement with Spectral', () => {
  for (const [rulesetName, rulesetText] of Object.entries(RULESETS)) {
    for (const name of SPECS) {
      const spec = path.join(SPECS_FOLDER, name);
      it(`${rulesetName}: reports the same findings (rule, path, message) as Spectral on ${name}`, async () => {
        expect(existsSync(spec), `${spec} is vendored in the repository`).toBe(true);
        const folder = await temporaryFolder();
        const ruleset = path.join(folder, '.spectral.yaml');
        await writeFile(ruleset, rulesetText);
        const [theirFindings, msctl] = await Promise.all([
          spectralFindings(spec, ruleset, rulesetText),
          execa(process.execPath, [msctlBin, 'lint', '--ruleset', ruleset, '--format', 'json', spec], {
            reject: false,
            cwd: folder,
            env: { NO_COLOR: '1' },
            maxBuffer: 512 * 1024 * 1024,
          }),
        ]);
        expect([0, 1]).toContain(msctl.exitCode);
        const specFolder = path.dirname(spec);
        const ourFindings = parseJsonArray(String(msctl.stdout));
        const theirs = keysOf(theirFindings, specFolder);
        const ours = keysOf(ourFindings, specFolder);
        const known = KNOWN_DIVERGENCES[path.basename(name)] ?? [];
        // A divergence of a whole kind stands for its findings: they are counted, not listed.
        const byKind = (keys: string[], reportedBy: Divergence['reportedBy']) => {
          const kinds = known.filter(
            (divergence) => divergence.reportedBy === reportedBy && divergence.matching,
          );
          const counts = new Map(kinds.map((divergence) => [divergence.finding, 0]));
          const rest = keys.filter((key) => {
            const kind = kinds.find((divergence) => divergence.matching?.pattern.test(key));
            if (kind) counts.set(kind.finding, (counts.get(kind.finding) ?? 0) + 1);
            return !kind;
          });
          expect(Object.fromEntries(counts)).toEqual(
            Object.fromEntries(kinds.map((divergence) => [divergence.finding, divergence.matching?.count])),
          );
          return rest;
        };
        const listed = (reportedBy: Divergence['reportedBy']) =>
          known
            .filter((divergence) => divergence.reportedBy === reportedBy && !divergence.matching)
            .map((divergence) => divergence.finding)
            .sort();
        const onlyOurs = byKind(
          [...ours].filter((key) => !theirs.has(key)),
          'msctl',
        );
        const onlyTheirs = byKind(
          [...theirs].filter((key) => !ours.has(key)),
          'Spectral',
        );
        expect(onlyOurs.sort()).toEqual(listed('msctl'));
        expect(onlyTheirs.sort()).toEqual(listed('Spectral'));
        // Same meaning, same words: Spectral's message wherever both report a finding.
        const theirMessages = messagesOf(theirFindings, specFolder);
        const worded = [...messagesOf(ourFindings, specFolder)]
          .filter(([key, message]) => theirMessages.has(key) && theirMessages.get(key) !== message)
          .map(([key, message]) => `${key}: msctl "${message}", Spectral "${theirMessages.get(key)}"`);
        expect(worded).toEqual([]);
      });
    }
  }
});

/** Spectral's findings on `spec`, from the cache when the spec's files, Spectral and the ruleset are unchanged. */
async function spectralFindings(spec: string, ruleset: string, rulesetText: string): Promise<Finding[]> {
  // The version of what is cached (which fields of Spectral's findings), then what it depends on.
  const hash = createHash('sha256').update('findings with messages\n');
  for (const name of ['@stoplight/spectral-cli', '@stoplight/spectral-rulesets']) {
    const manifest = path.join(repositoryRoot, 'node_modules', name, 'package.json');
    hash.update(`${name}@${(JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version}\n`);
  }
  hash.update(`${rulesetText}\n`);
  for (const file of await specFiles(spec)) {
    hash.update(`${path.relative(SPECS_FOLDER, file)}\n`);
    hash.update(await readFile(file));
  }
  const cacheFile = path.join(CACHE_FOLDER, `${hash.digest('hex').slice(0, 32)}.json`);
  if (existsSync(cacheFile)) return JSON.parse(await readFile(cacheFile, 'utf8')) as Finding[];

  const spectral = await execa(
    path.join(repositoryRoot, 'node_modules/.bin/spectral'),
    ['lint', '-r', ruleset, '-f', 'json', spec],
    { reject: false, cwd: path.dirname(ruleset), maxBuffer: 512 * 1024 * 1024 },
  );
  // 0: nothing found, 1: findings; anything else is Spectral failing, which must not be cached as "no findings".
  expect([0, 1], String(spectral.stderr)).toContain(spectral.exitCode);
  const findings = parseJsonArray(String(spectral.stdout)).map(({ code, path: where, source, message }) => ({
    code,
    path: where,
    source,
    message,
  }));
  await mkdir(CACHE_FOLDER, { recursive: true });
  const partial = `${cacheFile}.${process.pid}.partial`;
  await writeFile(partial, JSON.stringify(findings));
  // Written whole, then renamed: an interrupted run never leaves a truncated cache entry behind.
  await rename(partial, cacheFile);
  return findings;
}

/** The files a spec may reach: itself, and everything in its own folder when it has one. */
async function specFiles(spec: string): Promise<string[]> {
  const [top] = path.relative(SPECS_FOLDER, spec).split(path.sep);
  if (!top || top === path.basename(spec)) return [spec];
  const entries = await readdir(path.join(SPECS_FOLDER, top), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
