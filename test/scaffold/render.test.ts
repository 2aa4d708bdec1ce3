import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { outputPath, renderTemplate } from '../../src/core/scaffold/render.js';

const templatesDirectory = path.join(import.meta.dirname, 'fixtures', 'templates');
const workspace = workspaceSchema.parse({
  version: 1,
  name: 'shop',
  images: { registry: 'ghcr.io/acme/shop' },
  services: { inventory: { path: 'services/inventory', port: 3001 } },
  infra: { cache: { kind: 'redis' } },
});

const hostileDescriptions = [
  'Orders: the "source of truth" # not a comment',
  "it's {{service.name}} and {{{raw}}} {{#each x}}",
  'line one\nline two\r\n\ttabbed: yes',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable a Dockerfile must not expand
  '*/ end of comment; </script> --> ${HOME} `cmd` \\ backslash',
  '- starts like a list: [a, b] & {c: d} | pipe > gt',
  '1. looks ordered  ',
  '\'single\' and "double" and \u2028 separator',
  '',
];

const render = (description: string, dependsOn: string[] = []) =>
  renderTemplate('probe', { name: 'orders-api', port: 3000, description, dependsOn }, workspace, {
    templatesDirectory,
  });

const text = (files: Map<string, Buffer | string>, name: string): string => {
  const content = files.get(name);
  if (typeof content !== 'string') throw new Error(`${name} is not a rendered text file`);
  return content;
};

describe('renderTemplate', () => {
  it('maps template paths: .hbs dropped, leading _ becomes a dot, __ keeps one underscore', async () => {
    const files = await render('plain');
    expect([...files.keys()].filter((file) => !file.startsWith('k8s/'))).toEqual([
      '.config/settings.txt',
      '.gitignore',
      'Dockerfile',
      'README.md',
      '_init__.txt',
      'config.yaml',
      'logo.png',
      'package.json',
      'src/index.js',
    ]);
    expect(outputPath('a/_b/c.ts.hbs')).toBe('a/.b/c.ts');
    expect([...files.keys()].filter((file) => file.startsWith('k8s/'))).toContain('k8s/kustomization.yaml');
  });

  it('copies files without .hbs byte for byte, without interpolating them', async () => {
    const files = await render('plain');
    expect(files.get('logo.png')).toEqual(Buffer.from('\x89PNG\r\n\x1a\n\x00\xff\xfe binary', 'latin1'));
    expect(files.get('.config/settings.txt')?.toString()).toBe('plain: {{ not interpolated }}\n');
  });

  it.each(hostileDescriptions)(
    'keeps JSON, YAML, JavaScript, Markdown and Dockerfiles valid for %j',
    async (description) => {
      const files = await render(description, ['inventory', 'postgres', 'cache']);

      expect(JSON.parse(text(files, 'package.json')).description).toBe(description);

      const config = parseYaml(text(files, 'config.yaml'));
      expect(config.description).toBe(description);
      expect(config.flow).toEqual([description]);
      expect(config.name).toBe('orders-api');

      const sandbox: { result?: Record<string, string> } = {};
      vm.runInNewContext(text(files, 'src/index.js').replace('globalThis.result', 'this.result'), sandbox);
      expect(sandbox.result).toEqual({ description, constant: 'ORDERS_API', pascal: 'OrdersApi' });

      const readme = text(files, 'README.md').split('\n');
      expect(readme[0]).toBe('# orders-api');
      expect(readme[2]).not.toMatch(/(^|[^\\])[*_`<>[\]|]/);
      expect(readme[3]).toBe('');

      const label = text(files, 'Dockerfile').split('\n')[1] ?? '';
      expect(label).toMatch(/^LABEL org\.opencontainers\.image\.description="([^"\\$]|\\.)*"$/);
    },
  );

  it('gives the template the workspace, the template and its variables with their defaults', async () => {
    const files = await renderTemplate(
      'probe',
      { name: 'orders', port: 3000, description: 'd', vars: { greeting: 'hi: there' } },
      workspace,
      { templatesDirectory },
    );
    const config = parseYaml(text(files, 'config.yaml'));
    expect(config).toMatchObject({ greeting: 'hi: there', replicas: '3', registry: 'ghcr.io/acme/shop' });
    expect(text(files, 'README.md')).toContain('Template probe 1.2.3 in workspace shop.');
  });

  it('describes each dependency: services by their port, infra by kind, the database as DATABASE_URL', async () => {
    const files = await render('d', ['inventory', 'postgres', 'cache', 'inventory']);
    expect(parseYaml(text(files, 'config.yaml')).dependsOn).toEqual([
      { name: 'inventory', kind: 'service', envName: 'INVENTORY_URL', port: 3001, infraKind: null },
      { name: 'postgres', kind: 'infra', envName: 'DATABASE_URL', port: 5432, infraKind: 'postgres' },
      { name: 'cache', kind: 'infra', envName: 'REDIS_URL', port: 6379, infraKind: 'redis' },
    ]);
    expect(parseYaml(text(files, 'config.yaml'))).toMatchObject({
      serviceDependencies: ['inventory'],
      postgres: 'yes',
    });
    expect(parseYaml(text(await render('d', ['cache']), 'config.yaml')).postgres).toBe('no');
  });

  it('is deterministic: the same answers give the same bytes', async () => {
    const first = await render('same', ['postgres']);
    const second = await render('same', ['postgres']);
    expect([...second]).toEqual([...first]);
  });

  it.each([
    ['../x', /not a valid service name/],
    ['a/b', /not a valid service name/],
    ['Foo', /not a valid service name/],
    ['', /service name is empty/],
    ['a'.repeat(64), /64 characters long/],
    ['-x', /not a valid service name/],
    ['3d-render', /starts with a digit/],
  ])('refuses the name %j with the rule', async (name, message) => {
    await expect(
      renderTemplate('probe', { name, port: 3000, description: '' }, workspace, { templatesDirectory }),
    ).rejects.toThrow(message);
    await expect(
      renderTemplate('probe', { name, port: 3000, description: '' }, workspace, { templatesDirectory }),
    ).rejects.toThrow(/DNS-1123 label/);
  });

  it('refuses unknown dependencies, variables and templates, saying what exists', async () => {
    await expect(render('d', ['inventroy'])).rejects.toThrow(
      /"inventroy", which is neither a service nor infra/,
    );
    await expect(
      renderTemplate('probe', { name: 'x', port: 1, description: '', vars: { nope: '1' } }, workspace, {
        templatesDirectory,
      }),
    ).rejects.toThrow(/has no variable "nope"/);
    await expect(
      renderTemplate('prob', { name: 'x', port: 1, description: '' }, workspace, { templatesDirectory }),
    ).rejects.toMatchObject({
      message: 'There is no template "prob".',
      hint: expect.stringContaining('"probe"'),
    });
  });
});
