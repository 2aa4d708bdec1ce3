import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError, readSourceText } from '../../src/core/lint/document/read-source.js';
import { writeFiles } from './helpers.js';

async function read(bytes: Uint8Array | string): Promise<string> {
  const folder = await writeFiles({ 'spec.yaml': bytes });
  return readSourceText(join(folder, 'spec.yaml'));
}

describe('reading a source file', () => {
  it('drops a byte order mark, as the strict decoder does', async () => {
    expect(await read('\ufeffopenapi: 3.0.0\n')).toBe('openapi: 3.0.0\n');
  });

  it('keeps a replacement character that is written in the file, and refuses one that decoding would make', async () => {
    expect(await read('title: "\ufffd"\n')).toBe('title: "\ufffd"\n');
    const invalid = new Uint8Array([...Buffer.from('title: "'), 0xc3, 0x28, ...Buffer.from('"\n')]);
    await expect(read(invalid)).rejects.toThrow(/not valid UTF-8/);
  });

  it('refuses a NUL in the first bytes as binary, and accepts one further on as text', async () => {
    await expect(read(`a: 1\n\u0000`)).rejects.toThrow(/binary file/);
    const late = `a: "${'x'.repeat(9000)}"\nb: "\u0000"\n`;
    expect(await read(late)).toBe(late);
  });

  it('refuses a folder and a missing file with what to do next', async () => {
    const folder = await writeFiles({});
    await mkdir(join(folder, 'spec.yaml'));
    const notFile = await readSourceText(join(folder, 'spec.yaml')).catch((error: unknown) => error);
    expect(notFile).toBeInstanceOf(DocumentError);
    expect((notFile as DocumentError).message).toMatch(/is not a file/);
    const missing = await readSourceText(join(folder, 'missing.yaml')).catch((error: unknown) => error);
    expect((missing as DocumentError).message).toMatch(/no such file/);
    expect((missing as DocumentError).hint).toBeTruthy();
  });
});
