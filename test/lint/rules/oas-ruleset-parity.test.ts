/**
 * `msctl:oas` is Spectral's `spectral:oas`: the same rule ids, severities and recommended flags, read from the
 * installed Spectral ruleset itself so that an upgrade of Spectral that adds or changes a rule fails here.
 */
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { presetSeverities } from '../../../src/core/lint/presets.js';
import { builtInRules, findBuiltInRule } from '../../../src/core/lint/rules/index.js';

interface SpectralRule {
  severity?: number | string;
  recommended?: boolean;
  formats?: unknown[];
}

const SEVERITY_NAMES = ['error', 'warn', 'info', 'hint'];
const spectralRules = Object.entries((oas as unknown as { rules: Record<string, SpectralRule> }).rules);

function severityName(severity: SpectralRule['severity']): string {
  if (severity === undefined) return 'warn';
  return typeof severity === 'number' ? (SEVERITY_NAMES[severity] as string) : severity;
}

describe('msctl:oas and spectral:oas', () => {
  it('has every rule of spectral:oas, with its severity and recommended flag', () => {
    const ours = spectralRules.map(([id]) => {
      const rule = findBuiltInRule(id);
      return { id, severity: rule?.severity, preset: rule?.preset, family: rule?.family };
    });
    const theirs = spectralRules.map(([id, rule]) => ({
      id,
      severity: severityName(rule.severity),
      preset: rule.recommended === false ? 'all' : 'recommended',
      family: 'oas',
    }));
    expect(ours).toEqual(theirs);
  });

  it('has no oas rule that spectral:oas does not have', () => {
    const theirs = new Set(spectralRules.map(([id]) => id));
    const extra = builtInRules
      .filter((rule) => rule.family === 'oas' && !theirs.has(rule.id))
      .map((rule) => rule.id);
    expect(extra).toEqual([]);
  });

  it('turns on exactly the recommended ones in msctl:oas, and all of them with "all"', () => {
    const recommended = spectralRules.filter(([, rule]) => rule.recommended !== false).map(([id]) => id);
    expect([...presetSeverities('msctl:oas').keys()].sort()).toEqual(recommended.sort());
    expect([...presetSeverities('msctl:oas', true).keys()].sort()).toEqual(
      spectralRules.map(([id]) => id).sort(),
    );
  });
});
