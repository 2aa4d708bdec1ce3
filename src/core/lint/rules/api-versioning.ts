import type { Rule } from '../types.js';
import { isObject } from './support/governance.js';

/** `1`, `1.2`, `1.2.3`, `v2`, `1.0.0-beta.1`, `2.1.0+build.5`. */
const SEMVER_LIKE = /^v?\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$/;

/** Date versions, as Stripe and Azure publish them: `2024-06-01`, `2024-06-01-preview`. */
const DATE_VERSION = /^\d{4}-\d{2}-\d{2}(-[0-9A-Za-z.-]+)?$/;

/** A major version as a path segment: `/v1`, `/v2.1`, `/api/v3/`. */
const VERSION_SEGMENT = /\/v\d+(\.\d+)*(\/|$)/i;

function versionInUrls(document: Record<string, unknown>): boolean {
  const urls: string[] = [];
  if (Array.isArray(document.servers)) {
    for (const server of document.servers) {
      if (isObject(server) && typeof server.url === 'string') urls.push(server.url);
    }
  }
  if (typeof document.basePath === 'string') urls.push(document.basePath);
  if (urls.some((url) => VERSION_SEGMENT.test(url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')))) return true;
  const paths = isObject(document.paths)
    ? Object.keys(document.paths).filter((path) => path.startsWith('/'))
    : [];
  return paths.length > 0 && paths.every((path) => VERSION_SEGMENT.test(path));
}

/** The API says which version it is, in a scheme clients can compare. */
export const apiVersioning: Rule = {
  id: 'api-versioning',
  description:
    '`info.version` must be present, and the API versioned: a semver-like or date `info.version`, or `/v1` in the URL.',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: '$',
  documentation: {
    rationale: [
      'Clients, gateways and changelogs need to tell versions of an API apart, and to see which change breaks them.',
      '`info.version` must be present (the version of the description) and follow a versioning scheme:',
      '',
      '- a semver-like `info.version`: `1`, `1.2`, `1.2.3`, `v2`, `1.0.0-beta.1`; or',
      '- a date version, as Stripe and Azure publish theirs: `2024-06-01`, `2024-06-01-preview`; or',
      '- any `info.version` when the major version is in the URL: a `/v1` segment in a `servers` URL or the',
      '  Swagger 2 `basePath`, or in front of every path.',
      '',
      'Anything else (`latest`, `beta`, `2nd release`) tells a client nothing it can compare.',
      '',
      'A missing `info.version` is also a schema error (`oas2-schema`, `oas3-schema`); this rule reports it as well,',
      'so that a ruleset without the schema rules still catches it.',
    ].join('\n'),
    good: ['info:', '  title: Orders', '  version: 1.4.0'].join('\n'),
    bad: [
      'info:',
      '  title: Orders',
      '  version: latest',
      'servers:',
      '  - url: https://api.example.com',
    ].join('\n'),
  },
  check(target, context) {
    const document = target.value;
    if (!isObject(document)) return;
    const info = context.resolve(document.info);
    if (!isObject(info)) return;
    const version = typeof info.version === 'number' ? String(info.version) : info.version;
    if (typeof version !== 'string' || version.trim() === '') {
      context.report({ message: '`info.version` must be present.', path: ['info', 'version'] });
      return;
    }
    if (SEMVER_LIKE.test(version.trim()) || DATE_VERSION.test(version.trim()) || versionInUrls(document))
      return;
    context.report({
      message: `\`info.version\` "${version}" follows no versioning scheme: use semver (1.2.0), a date (2024-06-01), or put /v1 in the server URL.`,
      path: ['info', 'version'],
    });
  },
};
