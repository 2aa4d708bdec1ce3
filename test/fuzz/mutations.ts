/**
 * Mutated inputs for the fuzz tests. fast-check generates a recipe (a seed and a list of mutations, printed as is
 * when a property fails, so a failure reads as "petstore.yaml, then a flow alias bomb at line 12"), and `render`
 * turns it into bytes. Every mutation works on bytes, so that byte flips and invalid UTF-8 land anywhere.
 */
import fc from 'fast-check';

/** A text to mutate, with the files beside it that its `$ref`s reach (written unchanged next to the mutant). */
export interface Seed {
  name: string;
  text: string;
  companions?: Readonly<Record<string, string>>;
}

const position = fc.nat({ max: 1_000_000 });

const INVALID_UTF8 = [
  [0xff],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0xfe, 0xfe, 0xff],
];

const TAGS = [
  '!!binary',
  '!!set',
  '!!omap',
  '!!pairs',
  '!!timestamp',
  '!!int',
  '!!float',
  '!!bool',
  '!!null',
  '!!map',
  '!!seq',
  '!!str',
  '!!merge',
  '!!js/function',
  '!!js/regexp',
  '!!python/object/apply:os.system',
  '!custom',
  '!<tag:yaml.org,2002:str>',
  '!<tag:example.com,2000:app/foo>',
  '!',
];

/** YAML that plays with anchors and aliases, each one line at the indentation of where it lands. */
const ALIAS_SNIPPETS = [
  'fz-anchor: &fz { a: [1, 2], b: two }\nfz-alias: *fz',
  'fz-undefined: *nowhere',
  'fz-merge: { <<: *fz, c: 3 }',
  'fz-base: &fzb { x: 1 }\nfz-merged:\n  <<: *fzb\n  y: 2',
  'fz-self: &fzs [*fzs]',
  'fz-twice: &fzt 1\nfz-again: &fzt 2\nfz-which: *fzt',
  '&fzk fz-key-anchor: 1\n*fzk : 2',
  'fz-alias-key: { *fz : 1 }',
  // Small bombs: 6 levels of 6 expand to 46,656 leaves, enough to show an expanding walk, not enough to hang one.
  `fz-b0: &fzb0 [x, x, x, x, x, x]\n${Array.from({ length: 6 }, (_, level) => `fz-b${level + 1}: &fzb${level + 1} [${Array(6).fill(`*fzb${level}`).join(', ')}]`).join('\n')}`,
  `fz-c0: &fzc0\n  - x\n  - x\n  - x\n${Array.from({ length: 5 }, (_, level) => `fz-c${level + 1}: &fzc${level + 1}\n${Array(5).fill(`  - *fzc${level}`).join('\n')}`).join('\n')}`,
];

/** Lines that end, start or re-type a YAML document, always at the left margin. */
const DOCUMENT_MARKERS = [
  '---',
  '...',
  '--- |',
  '%YAML 1.1\n---',
  '%YAML 2.0\n---',
  '%TAG ! tag:example.com,2000:\n---',
  '--- !!map',
];

/** Lines that JavaScript or a schema check may take the wrong way: prototype keys, odd numbers, complex keys. */
const HOSTILE_LINES = [
  '__proto__: { polluted: true }',
  '"__proto__": [1]',
  'constructor: { prototype: { polluted: true } }',
  'toString: 1',
  'hasOwnProperty: x',
  '? [a, b]\n: complex key',
  '? { a: 1 }\n: mapping key',
  '~: null key',
  '"": empty key',
  'port: 1e309',
  'port: .inf',
  'port: -.inf',
  'port: .nan',
  'port: 0x1F90',
  'port: 0o17',
  'port: 3_000',
  'port: 8080.0',
  'port: -0',
  'port: 99999999999999999999',
  'version: 1.0',
  'version: "1"',
  'name: null',
  'dependsOn: *undefined',
  'services: []',
  'services: ~',
  '? |\n  multi\n  line key\n: 1',
];

export type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; at: number }
  | { op: 'delete-lines'; at: number; count: number }
  | { op: 'duplicate-lines'; at: number; count: number }
  | { op: 'indent'; at: number; by: number; tab: boolean }
  | { op: 'aliases'; at: number; snippet: number }
  | { op: 'tag'; at: number; tag: string }
  | { op: 'document-marker'; at: number; marker: number }
  | { op: 'hostile-line'; at: number; line: number }
  | { op: 'nest'; at: number; depth: number; style: 'flow-sequence' | 'flow-mapping' | 'block' }
  | { op: 'huge-scalar'; at: number; size: number; quoted: boolean }
  | { op: 'nul'; at: number }
  | { op: 'invalid-utf8'; at: number; sequence: number }
  | { op: 'bom'; kind: 'utf8' | 'utf8-twice' | 'utf16le' | 'utf16be' }
  | { op: 'line-ends'; to: '\r\n' | '\r' | 'mixed' }
  | { op: 'random-bytes'; at: number; bytes: number[] };

export interface Recipe {
  seed: number;
  /** The file's name decides JSON or YAML reading in the linter; a mismatch is part of the fuzzing. */
  extension: 'seed' | '.json' | '.yaml';
  mutations: Mutation[];
}

/** `hugeMax` bounds the one costly mutation: a scalar of that many characters. */
export function mutationArbitrary(hugeMax: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    // Bits 0-6: an ASCII byte stays ASCII (the top bit would make nearly every flip invalid UTF-8, which the
    // invalid-utf8 mutation covers), so that flips mostly change structure: `:` to `;`, `-` to `/`, ` ` to `0`.
    { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.nat(6) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('delete-lines' as const),
        at: position,
        count: fc.integer({ min: 1, max: 5 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('duplicate-lines' as const),
        at: position,
        count: fc.integer({ min: 1, max: 5 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('indent' as const),
        at: position,
        by: fc.integer({ min: -6, max: 6 }),
        tab: fc.boolean(),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('aliases' as const),
        at: position,
        snippet: fc.nat(ALIAS_SNIPPETS.length - 1),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant('tag' as const), at: position, tag: fc.constantFrom(...TAGS) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('hostile-line' as const),
        at: position,
        line: fc.nat(HOSTILE_LINES.length - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('document-marker' as const),
        at: position,
        marker: fc.nat(DOCUMENT_MARKERS.length - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('nest' as const),
        at: position,
        depth: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 900, max: 5000 })),
        style: fc.constantFrom('flow-sequence' as const, 'flow-mapping' as const, 'block' as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('huge-scalar' as const),
        at: position,
        size: fc.integer({ min: 1000, max: hugeMax }),
        quoted: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('nul' as const), at: position }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('invalid-utf8' as const),
        at: position,
        sequence: fc.nat(INVALID_UTF8.length - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('bom' as const),
        kind: fc.constantFrom('utf8' as const, 'utf8-twice' as const, 'utf16le' as const, 'utf16be' as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('line-ends' as const),
        to: fc.constantFrom('\r\n' as const, '\r' as const, 'mixed' as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('random-bytes' as const),
        at: position,
        bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 64 }),
      }),
    },
  );
}

export function recipeArbitrary(seeds: readonly Seed[], hugeMax: number): fc.Arbitrary<Recipe> {
  return fc.record({
    seed: fc.nat(seeds.length - 1),
    // Mostly the seed's own name; sometimes the other syntax's, which JSON and YAML readers then disagree on.
    extension: fc.oneof(
      { weight: 6, arbitrary: fc.constant('seed' as const) },
      { weight: 1, arbitrary: fc.constantFrom('.json' as const, '.yaml' as const) },
    ),
    mutations: fc.array(mutationArbitrary(hugeMax), { minLength: 0, maxLength: 5 }),
  });
}

/** The bytes of a recipe: its seed with each mutation applied in turn. */
export function render(recipe: Recipe, seeds: readonly Seed[]): Buffer {
  const seed = seeds[recipe.seed];
  if (!seed) throw new Error(`no seed ${recipe.seed}`);
  let bytes: Buffer = Buffer.from(seed.text, 'utf8');
  for (const mutation of recipe.mutations) bytes = applyMutation(bytes, mutation);
  return bytes;
}

/** The file name a recipe is written to. */
export function fileNameOf(recipe: Recipe, seeds: readonly Seed[]): string {
  const name = seeds[recipe.seed]?.name ?? 'input.yaml';
  if (recipe.extension === 'seed') return name;
  return `${name.replace(/\.[^./]+$/, '')}${recipe.extension}`;
}

function applyMutation(bytes: Buffer, mutation: Mutation): Buffer {
  switch (mutation.op) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = Buffer.from(bytes);
      const at = mutation.at % copy.length;
      copy[at] = (copy[at] ?? 0) ^ (1 << mutation.bit);
      return copy;
    }
    case 'truncate':
      return bytes.subarray(0, mutation.at % (bytes.length + 1));
    case 'delete-lines':
    case 'duplicate-lines': {
      const lines = splitLines(bytes);
      const at = mutation.at % Math.max(1, lines.length);
      const chosen = lines.slice(at, at + mutation.count);
      const rest = lines.slice(at + mutation.count);
      const middle = mutation.op === 'duplicate-lines' ? [...chosen, ...chosen] : [];
      return Buffer.concat([...lines.slice(0, at), ...middle, ...rest]);
    }
    case 'indent': {
      const lines = splitLines(bytes);
      const at = mutation.at % Math.max(1, lines.length);
      const line = lines[at] ?? Buffer.alloc(0);
      const text = line.toString('latin1');
      const changed =
        mutation.by >= 0
          ? `${(mutation.tab ? '\t' : ' ').repeat(mutation.by)}${text}`
          : text.replace(new RegExp(`^[ \\t]{0,${-mutation.by}}`), '');
      lines[at] = Buffer.from(changed, 'latin1');
      return Buffer.concat(lines);
    }
    case 'aliases':
      return insertLines(bytes, mutation.at, ALIAS_SNIPPETS[mutation.snippet] ?? '');
    case 'tag':
      return insertAfterColon(bytes, mutation.at, `${mutation.tag} `);
    case 'hostile-line':
      return insertLines(bytes, mutation.at, HOSTILE_LINES[mutation.line] ?? '');
    case 'document-marker':
      return insertLines(bytes, mutation.at, DOCUMENT_MARKERS[mutation.marker] ?? '---', false);
    case 'nest':
      return insertLines(bytes, mutation.at, `fz-deep: ${nested(mutation.depth, mutation.style)}`);
    case 'huge-scalar': {
      const value = 'x'.repeat(mutation.size);
      return insertLines(bytes, mutation.at, `fz-huge: ${mutation.quoted ? `"${value}"` : value}`);
    }
    case 'nul':
      return insertBytes(bytes, mutation.at, [0]);
    case 'invalid-utf8':
      return insertBytes(bytes, mutation.at, INVALID_UTF8[mutation.sequence] ?? [0xff]);
    case 'bom':
      return Buffer.concat([Buffer.from(BOMS[mutation.kind]), bytes]);
    case 'line-ends':
      return changeLineEnds(bytes, mutation.to);
    case 'random-bytes':
      return insertBytes(bytes, mutation.at, mutation.bytes);
  }
}

const BOMS = {
  utf8: [0xef, 0xbb, 0xbf],
  'utf8-twice': [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
  utf16le: [0xff, 0xfe],
  utf16be: [0xfe, 0xff],
} as const;

function nested(depth: number, style: 'flow-sequence' | 'flow-mapping' | 'block'): string {
  if (style === 'flow-sequence') return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  if (style === 'flow-mapping') return `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
  // Block nesting costs its depth in indentation on every line: kept to a few hundred levels.
  const levels = Math.min(depth, 300);
  return `\n${Array.from({ length: levels }, (_, level) => `${'  '.repeat(level + 1)}a:`).join('\n')} 1`;
}

/** Lines with their line ends kept, so that joining them gives the bytes back. */
function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] === 0x0a) {
      lines.push(bytes.subarray(start, index + 1));
      start = index + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

/** Inserts whole lines before a line, at that line's indentation (or at the margin). */
function insertLines(bytes: Buffer, at: number, text: string, indented = true): Buffer {
  const lines = splitLines(bytes);
  const index = at % (lines.length + 1);
  const indentation = indented ? (/^[ ]*/.exec(lines[index]?.toString('latin1') ?? '')?.[0] ?? '') : '';
  const inserted = text
    .split('\n')
    .map((line) => `${indentation}${line}\n`)
    .join('');
  return Buffer.concat([...lines.slice(0, index), Buffer.from(inserted), ...lines.slice(index)]);
}

/** Inserts text after the first `: ` of a line (before a value), or at the line's start when it has none. */
function insertAfterColon(bytes: Buffer, at: number, text: string): Buffer {
  const lines = splitLines(bytes);
  if (lines.length === 0) return Buffer.from(text);
  const index = at % lines.length;
  const line = lines[index] ?? Buffer.alloc(0);
  const colon = line.indexOf(': ');
  const offset = colon >= 0 ? colon + 2 : 0;
  lines[index] = Buffer.concat([line.subarray(0, offset), Buffer.from(text), line.subarray(offset)]);
  return Buffer.concat(lines);
}

function insertBytes(bytes: Buffer, at: number, inserted: readonly number[]): Buffer {
  const offset = at % (bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, offset), Buffer.from(inserted), bytes.subarray(offset)]);
}

function changeLineEnds(bytes: Buffer, to: '\r\n' | '\r' | 'mixed'): Buffer {
  const lines = splitLines(bytes);
  return Buffer.concat(
    lines.map((line, index) => {
      if (line.at(-1) !== 0x0a) return line;
      const end = to === 'mixed' ? (index % 2 === 0 ? '\r\n' : '\n') : to;
      return Buffer.concat([line.subarray(0, -1), Buffer.from(end)]);
    }),
  );
}
