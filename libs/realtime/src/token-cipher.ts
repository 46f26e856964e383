import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
/** GCM accepts shorter tags unless told otherwise; a short tag would make forgeries cheap. */
const TAG_BYTES = 16;
const FORMAT = 'v1';

/**
 * Encrypts access tokens before they are stored (a run's in Redis, a repository's kept one in Postgres), so
 * they never sit anywhere in plain text.
 */
export class TokenCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`a token key must be ${KEY_BYTES} bytes`);
  }

  /** `context` (the run or repository it belongs to) is bound in as associated data: a value moved elsewhere does not open. */
  encrypt(token: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
  }

  /** The token, or null when the value was not sealed with this key for this context (or was altered). */
  decrypt(value: string, context: string): string | null {
    const [format, iv, tag, sealed] = value.split(':');
    if (format !== FORMAT || iv === undefined || tag === undefined || sealed === undefined) return null;
    const tagBytes = Buffer.from(tag, 'base64');
    if (tagBytes.length !== TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

/**
 * The key: the configured one (32 bytes as base64 or hex), or one generated once and kept in the data
 * directory, which every api and worker process of a deployment shares.
 */
export async function loadTokenKey(input: { configuredKey: string | null; dataDir: string }): Promise<Buffer> {
  if (input.configuredKey !== null) return decodeKey(input.configuredKey);
  const file = path.join(input.dataDir, 'secrets', 'token.key');
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written whole to a private temporary file, then linked into place: `link` fails if the key exists,
  // so exactly one process creates it and no reader ever sees it half written.
  const staged = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(staged, randomBytes(KEY_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 });
  try {
    await link(staged, file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  } finally {
    await rm(staged, { force: true });
  }
  return decodeKey((await readFile(file, 'utf8')).trim());
}

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== KEY_BYTES) throw new Error('TOKEN_ENCRYPTION_KEY must be 32 bytes, as base64 or hex');
  return key;
}
