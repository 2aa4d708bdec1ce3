import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleDocumentationUrl } from '../../src/core/lint/documentation.js';
import { builtInRules } from '../../src/core/lint/rules/index.js';
import type { AnyRule } from '../../src/core/lint/types.js';
import { buildDocs } from '../../src/docs/build-docs.js';
import { buildRuleDocs } from '../../src/docs/rule-docs.js';
import { lintText } from './helpers.js';

const rulesFolder = path.resolve(import.meta.dirname, '../../docs/rules');

describe('generated rule documentation', () => {
  const pages = buildRuleDocs();

  it('has a page for every built-in rule and an index linking each, all part of `npm run docs`', () => {
    const expected = builtInRules.map((rule) => `docs/rules/${rule.id}.md`);
    expect([...pages.keys()].sort()).toEqual(['docs/rules/README.md', ...expected].sort());
    const index = pages.get('docs/rules/README.md') ?? '';
    for (const rule of builtInRules)
      expect(index).toContain(`[${rule.id}](${encodeURIComponent(rule.id)}.md)`);
    const all = buildDocs();
    for (const file of pages.keys()) expect(all.has(file), file).toBe(true);
  });

  it('leaves no page in docs/rules for a rule that no longer exists', () => {
    const written = readdirSync(rulesFolder).map((file) => `docs/rules/${file}`);
    expect(written.filter((file) => !pages.has(file))).toEqual([]);
  });

  it('writes what the rule says: description, presets with severities, rationale and both examples', () => {
    const page = pages.get('docs/rules/paths-kebab-case.md') ?? '';
    expect(page).toContain('# paths-kebab-case\n\n> Path segments must be kebab-case');
    expect(page).toContain('| presets | `msctl:recommended` (warn), `msctl:strict` (error) |');
    expect(page).toContain('## Accepted\n\n```yaml\npaths:\n  /order-items/{orderItemId}: {}');
    expect(page).toContain('## Reported\n\n```yaml\npaths:\n  /orderItems/{orderItemId}: {}');
    expect(page).toContain('extends: [msctl:recommended]\nrules:\n  paths-kebab-case: off');
    const strictOnly = pages.get('docs/rules/string-max-length.md') ?? '';
    expect(strictOnly).toContain('| presets | `msctl:strict` (warn) |');
    expect(strictOnly).toContain('extends: [msctl:strict]');
  });

  it('tells how to turn on a rule that no preset has', () => {
    const rule = {
      ...(builtInRules[0] as AnyRule),
      id: 'made-up-rule',
      preset: 'all' as const,
      family: 'oas' as const,
    };
    const page = buildRuleDocs([rule]).get('docs/rules/made-up-rule.md') ?? '';
    expect(page).toContain('| presets | none: turn it on in a ruleset');
    expect(page).toContain(
      `## Turning it on\n\nNo preset turns it on; a ruleset does:\n\n\`\`\`yaml\nextends: [msctl:recommended]\nrules:\n  made-up-rule: ${rule.severity}`,
    );
  });

  it('links findings to the page that exists for their rule', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: A, version: latest }\npaths:\n  /getOrders: {}\n',
      ['paths-no-verbs', 'api-versioning'],
    );
    expect(findings.map((finding) => finding.code).sort()).toEqual(['api-versioning', 'paths-no-verbs']);
    for (const finding of findings) {
      expect(finding.documentationUrl).toBe(ruleDocumentationUrl(finding.code));
      const file = decodeURIComponent(finding.documentationUrl?.split('/docs/rules/')[1] ?? '');
      expect(existsSync(path.join(rulesFolder, file)), file).toBe(true);
    }
  });
});
