import { PRESET_IDS, type PresetId, presetSeverities } from '../core/lint/presets.js';
import { builtInRules } from '../core/lint/rules/index.js';
import type { AnyRule, SeverityName, SpecFormat } from '../core/lint/types.js';

const FORMAT_NAMES: Readonly<Record<SpecFormat, string>> = {
  oas2: 'OpenAPI 2.0 (Swagger)',
  oas3: 'OpenAPI 3.x',
  oas3_0: 'OpenAPI 3.0',
  oas3_1: 'OpenAPI 3.1',
};

const FAMILY_TITLES = {
  oas: "Spectral's `spectral:oas` rules (`msctl:oas`)",
  governance: "msctl's governance rules (`msctl:recommended`, `msctl:strict`)",
} as const;

/** The presets that turn a rule on, with the severity each gives it. */
function presetsOf(rule: AnyRule, presets: ReadonlyMap<PresetId, Map<string, SeverityName>>): string {
  const entries: string[] = [];
  for (const [preset, severities] of presets) {
    const severity = severities.get(rule.id);
    if (severity && preset !== 'msctl:all') entries.push(`\`${preset}\` (${severity})`);
  }
  return entries.length > 0 ? entries.join(', ') : 'none: turn it on in a ruleset (`msctl:all` has it)';
}

/** The file name of a rule's page: its id, as the documentation URL names it. */
function pageOf(rule: AnyRule): string {
  return `${rule.id}.md`;
}

/** A link relative to `docs/rules/`, escaped as `ruleDocumentationUrl` escapes it (`no-%24ref-siblings.md`). */
function linkOf(rule: AnyRule): string {
  return `${encodeURIComponent(rule.id)}.md`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function renderRulePage(rule: AnyRule, presets: ReadonlyMap<PresetId, Map<string, SeverityName>>): string {
  const givens = typeof rule.given === 'string' ? [rule.given] : rule.given;
  const formats = rule.formats?.length
    ? rule.formats.map((format) => FORMAT_NAMES[format]).join(', ')
    : 'all';
  const { rationale, good, bad, divergence } = rule.documentation;
  const lines = [
    `# ${rule.id}`,
    '',
    `> ${rule.description}`,
    '',
    `Generated from \`src/core/lint/rules/${rule.id}.ts\` by \`npm run docs\`; do not edit by hand.`,
    '',
    '| | |',
    '|---|---|',
    `| family | ${rule.family === 'oas' ? 'oas: same id and meaning as in Spectral' : 'governance: msctl'} |`,
    `| default severity | ${rule.severity} |`,
    `| presets | ${presetsOf(rule, presets)} |`,
    `| formats | ${formats} |`,
    `| applies to | ${givens.map((given) => `\`${escapeCell(given)}\``).join('<br>')} |`,
    '',
    '## Why',
    '',
    rationale.trim(),
    '',
  ];
  if (good) lines.push('## Accepted', '', '```yaml', good.trimEnd(), '```', '');
  if (bad) lines.push('## Reported', '', '```yaml', bad.trimEnd(), '```', '');
  if (divergence) lines.push('## Where msctl differs from Spectral', '', divergence.trim(), '');
  lines.push(...renderSwitch(rule, presets));
  return lines.join('\n');
}

/** How to turn the rule off (or on, when no preset has it) for one node or a whole ruleset. */
function renderSwitch(rule: AnyRule, presets: ReadonlyMap<PresetId, Map<string, SeverityName>>): string[] {
  const key = /^[a-zA-Z0-9_-]+$/.test(rule.id) ? rule.id : `'${rule.id}'`;
  const base = presets.get('msctl:recommended')?.has(rule.id)
    ? 'msctl:recommended'
    : presets.get('msctl:strict')?.has(rule.id)
      ? 'msctl:strict'
      : undefined;
  if (!base) {
    return [
      '## Turning it on',
      '',
      'No preset turns it on; a ruleset does:',
      '',
      '```yaml',
      'extends: [msctl:recommended]',
      'rules:',
      `  ${key}: ${rule.severity}`,
      '```',
      '',
    ];
  }
  return [
    '## Turning it off',
    '',
    `On one node: \`x-lint-ignore: ${rule.id}\` (or a list of rule ids) on the node or one of its parents.`,
    `Everywhere: in a ruleset that extends \`${base}\`,`,
    '',
    '```yaml',
    `extends: [${base}]`,
    'rules:',
    `  ${key}: off`,
    '```',
    '',
  ];
}

function renderIndex(
  rules: readonly AnyRule[],
  presets: ReadonlyMap<PresetId, Map<string, SeverityName>>,
): string {
  const shown: PresetId[] = ['msctl:oas', 'msctl:recommended', 'msctl:strict'];
  const lines = [
    '# Lint rules',
    '',
    'Generated from the rule registry (`src/core/lint/rules/`) by `npm run docs`; do not edit by hand.',
    '',
    'Presets, as a ruleset names them in `extends` (or `governance.extends` in `msctl.yaml`):',
    '',
    "- `msctl:oas` (also `spectral:oas`): Spectral's `spectral:oas` rules, same ids, severities and meaning.",
    '- `msctl:recommended`: `msctl:oas`, the governance rules marked below, and the parameter descriptions',
    '  that Spectral leaves off. The default of `msctl lint`.',
    '- `msctl:strict`: `msctl:recommended` with its governance warnings raised to errors, and more rules.',
    '- `msctl:all`: every rule, including those no preset turns on.',
    '',
    'A cell gives the severity a preset sets; an empty cell means the preset leaves the rule off.',
    '',
  ];
  for (const family of ['governance', 'oas'] as const) {
    lines.push(
      `## ${FAMILY_TITLES[family]}`,
      '',
      `| rule | ${shown.map((preset) => `\`${preset}\``).join(' | ')} | description |`,
      `|---|${shown.map(() => '---').join('|')}|---|`,
    );
    for (const rule of rules.filter((candidate) => candidate.family === family)) {
      const cells = shown.map((preset) => presets.get(preset)?.get(rule.id) ?? '');
      lines.push(
        `| [${rule.id}](${linkOf(rule)}) | ${cells.join(' | ')} | ${escapeCell(rule.description)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** `docs/rules/<id>.md` for every built-in rule, and the index `docs/rules/README.md`, by path. */
export function buildRuleDocs(rules: readonly AnyRule[] = builtInRules): Map<string, string> {
  const sorted = [...rules].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
  const presets = new Map(
    PRESET_IDS.map((preset) => [preset, presetSeverities(preset, false, rules)] as const),
  );
  const pages = new Map<string, string>();
  pages.set('docs/rules/README.md', renderIndex(sorted, presets));
  for (const rule of sorted) pages.set(`docs/rules/${pageOf(rule)}`, renderRulePage(rule, presets));
  return pages;
}
