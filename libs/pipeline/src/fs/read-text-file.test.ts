import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir } from '../git/testing/fixture-repository.js';
import { CheckoutFiles } from './checkout-files.js';
import { readFileHead, readTextFile } from './read-text-file.js';

let temp: { dir: string; cleanup: () => Promise<void> };
let root = '';
const LIMIT = { maxBytes: 1024 * 1024 };

const NFD_NAME = 'cafe\u0301.ts';
const LONG_NAME = `${'a'.repeat(252)}.ts`;

beforeAll(async () => {
  temp = await createTempDir();
  root = path.join(temp.dir, 'root');
  const files: Record<string, string | Buffer> = {
    'plain.ts': 'export const x = 1;\n',
    'bom.ts': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('export const bom = "é";\n')]),
    'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße aus UTF-16\n', 'utf16le')]),
    'utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Hello from UTF-16BE\n', 'utf16le').swap16()]),
    'latin1.py': iconv.encode('# Größe und Länge: Übermäßig schön\nprint("Grüße")\n', 'latin1'),
    'shift-jis.js': iconv.encode('// 日本語のコメントです。これはテストです。\nconst greeting = "こんにちは世界";\n', 'shift_jis'),
    'windows-1252.txt': iconv.encode('Prices in “euros”: 5 € – cheap\n', 'windows-1252'),
    'noise.txt': Buffer.from(Array.from({ length: 2048 }, (_, index) => 0x80 + ((index * 73 + 11) % 128))),
    'image.ts': Buffer.from([0x47, 0x40, 0x00, 0x10, 0x00, 0x00, 0xb0, 0x0d, 0x00, 0x01]),
    'big.txt': 'x'.repeat(2048),
    '-rf.ts': 'export const dash = true;\n',
    'a..b.ts': 'export const dots = true;\n',
    'new\nline.ts': 'export const newline = true;\n',
    [NFD_NAME]: 'export const nfd = true;\n',
    [LONG_NAME]: 'export const long = true;\n',
    'sub/inner.ts': 'export const inner = true;\n',
  };
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  await writeFile(path.join(temp.dir, 'secret.txt'), 'outside the checkout');
  await symlink('/etc/passwd', path.join(root, 'passwd'));
  await symlink(path.join(temp.dir, 'secret.txt'), path.join(root, 'secret-link.txt'));
  await symlink('..', path.join(root, 'up'));
  await symlink('.', path.join(root, 'loop'));
  await symlink('sub', path.join(root, 'sub-link'));
  execFileSync('mkfifo', [path.join(root, 'pipe.ts')]);
});

afterAll(async () => {
  await temp.cleanup();
});

describe('readTextFile: encodings', () => {
  it('reads UTF-8 and drops a byte order mark', async () => {
    expect(await readTextFile(root, 'plain.ts', LIMIT)).toEqual({ text: 'export const x = 1;\n', encoding: 'utf-8', bytes: 20 });
    expect(await readTextFile(root, 'bom.ts', LIMIT)).toMatchObject({ text: 'export const bom = "é";\n', encoding: 'utf-8' });
  });

  it('decodes UTF-16 with a byte order mark, little- and big-endian', async () => {
    expect(await readTextFile(root, 'utf16le.txt', LIMIT)).toMatchObject({ text: 'Grüße aus UTF-16\n', encoding: 'utf-16le' });
    expect(await readTextFile(root, 'utf16be.txt', LIMIT)).toMatchObject({ text: 'Hello from UTF-16BE\n', encoding: 'utf-16be' });
  });

  it('decodes Latin-1, windows-1252 and Shift_JIS text that is not UTF-8', async () => {
    expect(await readTextFile(root, 'latin1.py', LIMIT)).toMatchObject({
      text: '# Größe und Länge: Übermäßig schön\nprint("Grüße")\n',
      encoding: 'iso-8859-1',
    });
    expect(await readTextFile(root, 'windows-1252.txt', LIMIT)).toMatchObject({
      text: 'Prices in “euros”: 5 € – cheap\n',
      encoding: 'windows-1252',
    });
    expect(await readTextFile(root, 'shift-jis.js', LIMIT)).toMatchObject({
      text: '// 日本語のコメントです。これはテストです。\nconst greeting = "こんにちは世界";\n',
      encoding: 'shift_jis',
    });
  });

  it('skips bytes no encoding explains, and binary content whatever the extension says', async () => {
    expect(await readTextFile(root, 'noise.txt', LIMIT)).toEqual({ skipped: expect.stringMatching(/^text encoding could not be recognised/) });
    expect(await readTextFile(root, 'image.ts', LIMIT)).toEqual({ skipped: 'binary file' });
  });

  it('skips a file over the size limit without reading it', async () => {
    expect(await readTextFile(root, 'big.txt', { maxBytes: 1024 })).toEqual({
      skipped: 'over the size limit (2048 bytes; the limit is 1024)',
    });
  });
});

describe('readTextFile: hostile paths', () => {
  it('never follows a symlink, to /etc/passwd or out of the checkout', async () => {
    expect(await readTextFile(root, 'passwd', LIMIT)).toEqual({ skipped: 'symbolic link; not followed' });
    expect(await readTextFile(root, 'secret-link.txt', LIMIT)).toEqual({ skipped: 'symbolic link; not followed' });
  });

  it('never reads through a symlinked directory: to the parent, to itself, or inside the checkout', async () => {
    expect(await readTextFile(root, 'up/secret.txt', LIMIT)).toEqual({ skipped: 'inside a symbolically linked directory; not followed' });
    expect(await readTextFile(root, 'loop/loop/loop/plain.ts', LIMIT)).toEqual({
      skipped: 'inside a symbolically linked directory; not followed',
    });
    expect(await readTextFile(root, 'sub-link/inner.ts', LIMIT)).toEqual({ skipped: 'inside a symbolically linked directory; not followed' });
    expect(await readTextFile(root, 'sub/inner.ts', LIMIT)).toMatchObject({ text: 'export const inner = true;\n' });
  });

  it('refuses paths that leave the root or are absolute, but reads names that merely contain dots', async () => {
    expect(await readTextFile(root, '../secret.txt', LIMIT)).toEqual({ skipped: 'path leads outside the repository' });
    expect(await readTextFile(root, 'sub/../../secret.txt', LIMIT)).toEqual({ skipped: 'path leads outside the repository' });
    expect(await readTextFile(root, '/etc/passwd', LIMIT)).toEqual({ skipped: 'absolute path; only paths inside the repository are read' });
    expect(await readTextFile(root, 'plain.ts\0.png', LIMIT)).toEqual({ skipped: 'not a usable file path' });
    expect(await readTextFile(root, 'a..b.ts', LIMIT)).toMatchObject({ text: 'export const dots = true;\n' });
  });

  it('does not hang on a FIFO', async () => {
    expect(await readTextFile(root, 'pipe.ts', LIMIT)).toEqual({ skipped: 'not a regular file' });
  });

  it('reads odd names as they are: a leading dash, a newline, 255 bytes, Unicode NFD (not its NFC spelling)', async () => {
    expect(await readTextFile(root, '-rf.ts', LIMIT)).toMatchObject({ text: 'export const dash = true;\n' });
    expect(await readTextFile(root, 'new\nline.ts', LIMIT)).toMatchObject({ text: 'export const newline = true;\n' });
    expect(Buffer.byteLength(LONG_NAME)).toBe(255);
    expect(await readTextFile(root, LONG_NAME, LIMIT)).toMatchObject({ text: 'export const long = true;\n' });
    expect(await readTextFile(root, NFD_NAME, LIMIT)).toMatchObject({ text: 'export const nfd = true;\n' });
    expect(await readTextFile(root, NFD_NAME.normalize('NFC'), LIMIT)).toEqual({ skipped: 'file not found' });
  });
});

describe('readFileHead and CheckoutFiles', () => {
  it('reads only the first bytes and reports the size', async () => {
    const head = await readFileHead(root, 'big.txt', 100);
    expect('head' in head && head.head.length).toBe(100);
    expect(head).toMatchObject({ size: 2048 });
    expect(await readFileHead(root, 'passwd', 100)).toEqual({ skipped: 'symbolic link; not followed' });
  });

  it('reads many files of one checkout with the same rules', async () => {
    const files = new CheckoutFiles(root);
    const reads = await Promise.all(['plain.ts', 'sub/inner.ts', 'sub-link/inner.ts', 'up/secret.txt'].map((file) => files.readText(file, LIMIT)));
    expect(reads.map((read) => ('skipped' in read ? read.skipped : read.text))).toEqual([
      'export const x = 1;\n',
      'export const inner = true;\n',
      'inside a symbolically linked directory; not followed',
      'inside a symbolically linked directory; not followed',
    ]);
  });
});
