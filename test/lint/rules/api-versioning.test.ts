import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'api-versioning';

const document = (version: string, rest = 'paths: {}') =>
  `openapi: 3.0.3\ninfo:\n  title: A\n${version ? `  version: ${version}\n` : ''}${rest}\n`;

describe(RULE, () => {
  it('accepts semver-like and date versions', async () => {
    for (const version of ['1.0.0', "'2'", 'v3', '1.2', '1.0.0-beta.1', '2024-06-01', '2024-06-01-preview']) {
      expect(await lintText(document(version), [RULE]), version).toEqual([]);
    }
  });

  it('accepts any version when the URL carries the major version', async () => {
    const inServer = document('latest', 'servers:\n  - url: https://api.example.com/v2\npaths: {}');
    expect(await lintText(inServer, [RULE])).toEqual([]);
    const inPaths = document('latest', 'paths:\n  /v1/orders: {}\n  /v1/items: {}');
    expect(await lintText(inPaths, [RULE])).toEqual([]);
    const inBasePath = JSON.stringify({
      swagger: '2.0',
      info: { title: 'A', version: 'current' },
      basePath: '/api/v1',
      paths: {},
    });
    expect(await lintText(inBasePath, [RULE], 'swagger.json')).toEqual([]);
  });

  it('reports a version without a scheme, and a missing version', async () => {
    const unversioned = await lintText(
      document('latest', 'servers:\n  - url: https://v1.example.com\npaths:\n  /v1/orders: {}\n  /items: {}'),
      [RULE],
    );
    expect(unversioned.map(({ path, message }) => [path, message])).toEqual([
      [['info', 'version'], expect.stringContaining('"latest" follows no versioning scheme')],
    ]);
    const missing = await lintText(document(''), [RULE]);
    expect(missing.map(({ path, message }) => [path, message])).toEqual([
      [['info'], '`info.version` must be present.'],
    ]);
  });
});
