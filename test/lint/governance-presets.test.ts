import { describe, expect, it } from 'vitest';
import { presetSeverities } from '../../src/core/lint/presets.js';
import { governanceRules } from '../../src/core/lint/rules/governance-rules.js';
import { builtInRules } from '../../src/core/lint/rules/index.js';

const governance = builtInRules.filter((rule) => rule.family === 'governance');

describe('governance rules in the presets', () => {
  it('registers every governance rule, and only those, from governance-rules.ts', () => {
    expect(governance.map((rule) => rule.id).sort()).toEqual(governanceRules.map((rule) => rule.id).sort());
    expect(governance.length).toBeGreaterThanOrEqual(18);
  });

  it('keeps msctl:oas free of governance rules', () => {
    const oas = presetSeverities('msctl:oas');
    expect(governance.filter((rule) => oas.has(rule.id))).toEqual([]);
  });

  it('turns recommended governance rules on in msctl:recommended and strict-only ones in msctl:strict only', () => {
    const recommended = presetSeverities('msctl:recommended');
    const strict = presetSeverities('msctl:strict');
    for (const rule of governance) {
      expect(recommended.has(rule.id), rule.id).toBe(rule.preset === 'recommended');
      expect(strict.has(rule.id), rule.id).toBe(rule.preset !== 'all');
      if (rule.preset === 'recommended') expect(recommended.get(rule.id), rule.id).toBe(rule.severity);
    }
  });

  it('raises the recommended governance warnings to errors in msctl:strict', () => {
    const strict = presetSeverities('msctl:strict');
    for (const id of [
      'paths-kebab-case',
      'operation-4xx-response',
      'error-response-problem-json',
      'api-versioning',
    ]) {
      expect(presetSeverities('msctl:recommended').get(id), id).toBe('warn');
      expect(strict.get(id), id).toBe('error');
    }
    expect(strict.get('operation-security')).toBe('error');
  });

  it('asks for parameter descriptions in msctl:recommended although spectral:oas leaves them off', () => {
    for (const id of ['oas2-parameter-description', 'oas3-parameter-description']) {
      if (!builtInRules.some((rule) => rule.id === id)) continue;
      expect(presetSeverities('msctl:oas').has(id), id).toBe(false);
      expect(presetSeverities('msctl:recommended').has(id), id).toBe(true);
      expect(presetSeverities('msctl:strict').has(id), id).toBe(true);
    }
  });

  it('documents every governance rule: rationale, an accepted and a reported example', () => {
    for (const rule of governance) {
      expect(rule.documentation.rationale.length, rule.id).toBeGreaterThan(80);
      expect(rule.documentation.good, rule.id).toBeTruthy();
      expect(rule.documentation.bad, rule.id).toBeTruthy();
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9A-Z]+)*$/);
    }
  });
});
