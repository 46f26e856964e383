import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TokenCipher, loadTokenKey } from './token-cipher.js';

describe('TokenCipher', () => {
  it('seals a token so the stored value does not contain it, and opens it again', async () => {
    const cipher = new TokenCipher(await loadTokenKey({ configuredKey: null, dataDir: await mkdtemp(path.join(os.tmpdir(), 'key-')) }));
    const sealed = cipher.encrypt('ghp_supersecret123', 'run-1');
    expect(sealed).not.toContain('ghp_supersecret123');
    expect(sealed).not.toContain(Buffer.from('ghp_supersecret123').toString('base64'));
    expect(cipher.decrypt(sealed, 'run-1')).toBe('ghp_supersecret123');
    expect(cipher.encrypt('ghp_supersecret123', 'run-1')).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses a value sealed with another key, for another run, tampered with, or with a short tag', async () => {
    const a = new TokenCipher(Buffer.alloc(32, 1));
    const b = new TokenCipher(Buffer.alloc(32, 2));
    const sealed = a.encrypt('token', 'run-1');
    expect(b.decrypt(sealed, 'run-1')).toBeNull();
    expect(a.decrypt(sealed, 'run-2')).toBeNull();
    const parts = sealed.split(':');
    expect(a.decrypt([parts[0], parts[1], parts[2], Buffer.from('tampered').toString('base64')].join(':'), 'run-1')).toBeNull();
    const shortTag = Buffer.from(parts[2] ?? '', 'base64').subarray(0, 4).toString('base64');
    expect(a.decrypt([parts[0], parts[1], shortTag, parts[3]].join(':'), 'run-1')).toBeNull();
    expect(a.decrypt('plain-text-token', 'run-1')).toBeNull();
  });

  it('creates one private key file per data directory and reuses it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'key-'));
    const loads = await Promise.all(Array.from({ length: 8 }, () => loadTokenKey({ configuredKey: null, dataDir })));
    for (const key of loads) expect(key.equals(loads[0] as Buffer)).toBe(true);
    expect((await readdir(path.dirname(path.join(dataDir, 'secrets', 'token.key')))).sort()).toEqual(['token.key']);
    const file = path.join(dataDir, 'secrets', 'token.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).length).toBeGreaterThan(40);
  });

  it('accepts a configured key as hex or base64 and rejects a short one', async () => {
    const hex = 'ab'.repeat(32);
    expect((await loadTokenKey({ configuredKey: hex, dataDir: '/nonexistent' })).length).toBe(32);
    expect((await loadTokenKey({ configuredKey: Buffer.alloc(32, 7).toString('base64'), dataDir: '/nonexistent' })).length).toBe(32);
    await expect(loadTokenKey({ configuredKey: 'c2hvcnQ=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', dataDir: '/nonexistent' })).rejects.toThrow('32 bytes');
  });
});
