import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plural } from '../../src/core/plural.js';
import { repositoryRoot } from '../support/cli.js';

describe('counts agree with their nouns', () => {
  it('writes one and many', () => {
    expect([plural(1, 'service'), plural(3, 'service'), plural(0, 'service')]).toEqual([
      '1 service',
      '3 services',
      '0 services',
    ]);
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('never writes "(s)" in a message: every count goes through plural()', () => {
    const source = path.join(repositoryRoot, 'src');
    const offenders = readdirSync(source, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        readFileSync(path.join(source, file), 'utf8')
          .split('\n')
          .map((line, index) => ({ where: `${file}:${index + 1}`, line }))
          .filter(({ line }) => /[a-z]\((s|es)\)/.test(line.replace(/https?\(s\)/g, ''))),
      )
      .map(({ where }) => where);
    expect(offenders).toEqual([]);
  });
});
