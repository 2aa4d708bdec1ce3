import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'info-contact';

describe(RULE, () => {
  it('accepts an info object with a contact', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo:\n  title: Orders\n  version: 1.0.0\n  contact:\n    name: Orders team\npaths: {}\n',
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports a missing contact on the info object', async () => {
    const findings = await lintText('openapi: 3.0.3\ninfo:\n  title: Orders\n  version: 1.0.0\npaths: {}\n', [
      RULE,
    ]);
    expect(findings.map(({ code, path, severity }) => ({ code, path, severity }))).toEqual([
      { code: RULE, path: ['info'], severity: 1 },
    ]);
    expect(findings[0]?.range.start).toEqual({ line: 1, character: 5 });
  });

  it('reports an empty contact as missing, as Spectral does', async () => {
    const findings = await lintText(
      '{"swagger": "2.0", "info": {"title": "x", "version": "1", "contact": null}, "paths": {}}',
      [RULE],
      'swagger.json',
    );
    expect(findings.map((finding) => finding.path)).toEqual([['info', 'contact']]);
  });
});
