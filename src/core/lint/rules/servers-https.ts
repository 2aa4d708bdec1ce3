import { HTTP_METHODS, type Rule } from '../types.js';
import { isObject } from './support/governance.js';

/** Hosts that never leave the developer's machine: plain HTTP to them exposes nothing. */
function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(name) ||
    name === '[::1]'
  );
}

/** A server URL with its variables replaced by their defaults. */
function expandUrl(server: Record<string, unknown>): string | undefined {
  if (typeof server.url !== 'string') return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  return server.url.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole;
  });
}

/** The plain-text scheme (`http`, `ws`) and host of an absolute URL; undefined for https, wss and relative URLs. */
function insecureHost(url: string): string | undefined {
  const match = /^(http|ws):\/\/([^/?#]*)/i.exec(url.trim());
  if (!match) return undefined;
  const authority = match[2] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1);
}

const MESSAGE =
  'Server URL must use https (plain http is accepted only for localhost and loopback addresses).';

/** Servers are reached over TLS; plain HTTP only for a server on the developer's own machine. */
export const serversHttps: Rule = {
  id: 'servers-https',
  description: 'Servers must use https; http only for localhost.',
  severity: 'error',
  family: 'governance',
  preset: 'recommended',
  given: [
    '$.servers[*]',
    '$.paths[*].servers[*]',
    `$.paths[*][${HTTP_METHODS.join(',')}].servers[*]`,
    '$.schemes[*]',
  ],
  documentation: {
    rationale: [
      'Credentials and personal data travel in requests and responses; over plain HTTP anyone on the way reads and',
      'changes them. Every server URL (root, path and operation `servers`, with variables replaced by their',
      'defaults) must be `https://` (or `wss://`); relative URLs are accepted, since they inherit the scheme the',
      'document is served over. In Swagger 2, `schemes` must not list `http` or `ws`.',
      '',
      'Plain `http://` is accepted for `localhost`, `*.localhost`, `127.0.0.0/8` and `[::1]`: a development server',
      'on the same machine, such as the one `create-service` documents, exposes nothing on the network, and',
      'requiring TLS there only gets in the way. In Swagger 2 the same holds when `host` is a loopback address.',
    ].join('\n'),
    good: [
      'servers:',
      '  - url: https://api.example.com/v1',
      '  - url: http://localhost:3000',
      '    description: The service run locally.',
    ].join('\n'),
    bad: ['servers:', '  - url: http://api.example.com/v1'].join('\n'),
  },
  check(target, context) {
    if (target.path[0] === 'schemes') {
      const document = context.document.data;
      const host = isObject(document) && typeof document.host === 'string' ? document.host : undefined;
      const scheme = typeof target.value === 'string' ? target.value.toLowerCase() : '';
      if ((scheme === 'http' || scheme === 'ws') && !(host && isLoopbackHost(host))) {
        context.report({
          message: 'Swagger 2 `schemes` must not list plain http or ws: use https (or wss).',
        });
      }
      return;
    }
    if (!isObject(target.value)) return;
    const url = expandUrl(target.value);
    const host = url === undefined ? undefined : insecureHost(url);
    if (host !== undefined && !isLoopbackHost(host)) context.report({ message: MESSAGE, path: ['url'] });
  },
};
