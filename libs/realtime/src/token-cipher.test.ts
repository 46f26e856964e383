import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TokenCipher, loadTokenKey } from './token-cipher.js';

describe('TokenCipher', () => {
  it('seals a token so the stored value does not contain it, and opens it again', async () => {
    const cipher = new TokenCipher(await loadTokenKey({ configuredKey: null, dataDir: await mkdtemp(path.join(os.tmpdir(), 'key-')) }));
    const sealed = cipher.encrypt('ghp_supersecret123');
    expect(sealed).not.toContain('ghp_supersecret123');
    expect(sealed).not.toContain(Buffer.from('ghp_supersecret123').toString('base64'));
    expect(cipher.decrypt(sealed)).toBe('ghp_supersecret123');
    expect(cipher.encrypt('ghp_supersecret123')).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses a value sealed with another key or tampered with', async () => {
    const a = new TokenCipher(Buffer.alloc(32, 1));
    const b = new TokenCipher(Buffer.alloc(32, 2));
    const sealed = a.encrypt('token');
    expect(b.decrypt(sealed)).toBeNull();
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(a.decrypt(parts.join(':'))).toBeNull();
    expect(a.decrypt('plain-text-token')).toBeNull();
  });

  it('creates one private key file per data directory and reuses it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'key-'));
    const [first, second] = await Promise.all([loadTokenKey({ configuredKey: null, dataDir }), loadTokenKey({ configuredKey: null, dataDir })]);
    expect(first.equals(second)).toBe(true);
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
