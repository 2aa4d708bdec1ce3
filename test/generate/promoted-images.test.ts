import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type WorkspaceConfig, workspaceSchema } from '../../src/core/config/schema.js';
import { planGenerate, writeGeneratePlan } from '../../src/core/generate/plan.js';

const PROD = 'k8s/overlays/prod/kustomization.yaml';

const configWith = (services: Record<string, object>): WorkspaceConfig =>
  workspaceSchema.parse({ version: 1, name: 'shop', images: { registry: 'ghcr.io/acme/shop' }, services });

const two = {
  orders: { path: 'services/orders', port: 3000 },
  inventory: { path: 'services/inventory', port: 3001 },
};

/** What the promote job's `kustomize edit set image orders=<image>` leaves: the entry moved, the file re-written. */
function promote(root: string, file: string, service: string, image: string) {
  const kustomization = parse(readFileSync(path.join(root, file), 'utf8'));
  const [name, tag] = image.split(/:(?=[^:]+$)/);
  kustomization.images = kustomization.images.map((entry: { name: string }) =>
    entry.name === service ? { name: service, newName: name, newTag: tag } : entry,
  );
  // kustomize writes its own layout, without msctl's comments.
  writeFileSync(path.join(root, file), stringify(kustomization, { indent: 2 }));
}

describe("the prod overlay's image tags belong to CI", () => {
  it('a promoted tag is no drift, survives regeneration, and a new service still gets its entry', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'msctl-promote-'));
    await writeGeneratePlan(await planGenerate({ root, config: configWith(two) }, { kinds: ['k8s'] }));
    promote(root, PROD, 'orders', 'ghcr.io/acme/shop/orders:sha-0123abc');

    const check = await planGenerate({ root, config: configWith(two) }, { kinds: ['k8s'] });
    expect(check.files.filter((file) => file.action !== 'unchanged')).toEqual([]);
    expect(check.drift).toBe(false);

    const three = { ...two, billing: { path: 'services/billing', port: 3002 } };
    const added = await planGenerate({ root, config: configWith(three) }, { kinds: ['k8s'] });
    expect(added.files.find((file) => file.path === PROD)?.action).toMatch(/^(update|merge)$/);
    await writeGeneratePlan(added);
    expect(parse(readFileSync(path.join(root, PROD), 'utf8')).images).toEqual([
      { name: 'billing', newName: 'ghcr.io/acme/shop/billing', newTag: '0.1.0' },
      { name: 'inventory', newName: 'ghcr.io/acme/shop/inventory', newTag: '0.1.0' },
      { name: 'orders', newName: 'ghcr.io/acme/shop/orders', newTag: 'sha-0123abc' },
    ]);
    expect((await planGenerate({ root, config: configWith(three) }, { kinds: ['k8s'] })).drift).toBe(false);
  });

  it('only there: the same edit of the dev overlay is an edit the drift check reports', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'msctl-promote-'));
    await writeGeneratePlan(await planGenerate({ root, config: configWith(two) }, { kinds: ['k8s'] }));
    promote(root, 'k8s/overlays/dev/kustomization.yaml', 'orders', 'ghcr.io/acme/shop/orders:sha-0123abc');
    const check = await planGenerate({ root, config: configWith(two) }, { kinds: ['k8s'] });
    expect(check.drift).toBe(true);
    expect(check.files.find((file) => file.path === 'k8s/overlays/dev/kustomization.yaml')?.action).toBe(
      'edited',
    );
  });
});
