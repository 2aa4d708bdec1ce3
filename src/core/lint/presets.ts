import { builtInRules } from './rules/index.js';
import type { AnyRule, SeverityName } from './types.js';

/** The presets a ruleset can `extends`. `spectral:oas` is accepted as another name of `msctl:oas`. */
export type PresetId = 'msctl:oas' | 'msctl:recommended' | 'msctl:strict' | 'msctl:all';

export const PRESET_IDS: readonly PresetId[] = [
  'msctl:oas',
  'msctl:recommended',
  'msctl:strict',
  'msctl:all',
];

const PRESET_ALIASES: Readonly<Record<string, PresetId>> = { 'spectral:oas': 'msctl:oas' };

/**
 * Severities that `msctl:strict` raises above a rule's default. A rule listed here must be in the strict preset.
 * Keep this the one place where preset severities differ from rule defaults.
 */
const STRICT_SEVERITIES: Readonly<Record<string, SeverityName>> = {
  'info-contact': 'error',
  'path-keys-no-trailing-slash': 'error',
  // Governance rules that warn in `msctl:recommended` and fail the build in `msctl:strict`.
  'api-versioning': 'error',
  'error-response-problem-json': 'error',
  'list-pagination': 'error',
  'operation-4xx-response': 'error',
  'operation-5xx-response': 'error',
  'operation-operationId-camel-case': 'error',
  'paths-kebab-case': 'error',
  'paths-no-verbs': 'error',
  'rate-limit-headers': 'error',
};

/**
 * `oas` rules that Spectral leaves off (`recommended: false`) and that `msctl:recommended` and `msctl:strict` turn
 * on, because governance asks for them (parameters are described). `msctl:oas` keeps Spectral's choice.
 */
const GOVERNANCE_ADDITIONS: ReadonlySet<string> = new Set([
  'oas2-parameter-description',
  'oas3-parameter-description',
]);

/** The preset id a ruleset name means, or undefined when it names no preset. */
export function findPreset(name: string): PresetId | undefined {
  if ((PRESET_IDS as readonly string[]).includes(name)) return name as PresetId;
  return PRESET_ALIASES[name];
}

/**
 * The rules a preset turns on and their severities.
 * `everything` is Spectral's `[spectral:oas, all]`: also the preset's rules that are off by default.
 */
export function presetSeverities(
  preset: PresetId,
  everything = false,
  rules: readonly AnyRule[] = builtInRules,
): Map<string, SeverityName> {
  const severities = new Map<string, SeverityName>();
  for (const rule of rules) {
    if (!isInPreset(rule, preset, everything)) continue;
    severities.set(rule.id, (preset === 'msctl:strict' && STRICT_SEVERITIES[rule.id]) || rule.severity);
  }
  return severities;
}

function isInPreset(rule: AnyRule, preset: PresetId, everything: boolean): boolean {
  switch (preset) {
    case 'msctl:oas':
      return rule.family === 'oas' && (everything || rule.preset === 'recommended');
    case 'msctl:recommended':
      return everything || rule.preset === 'recommended' || GOVERNANCE_ADDITIONS.has(rule.id);
    case 'msctl:strict':
      return everything || rule.preset !== 'all' || GOVERNANCE_ADDITIONS.has(rule.id);
    case 'msctl:all':
      return true;
  }
}
