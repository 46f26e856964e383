/**
 * Step 2: turns the pairs into token ids with the model's own tokenizer, loaded through transformers.js
 * from the models directory, after the same identifier expansion the embedder applies at runtime, so
 * training sees exactly the ids the product will feed the model. Writes, per split and side:
 *   <work>/tokens/<split>.<query|code>.ids      uint16 token ids, one text after another
 *   <work>/tokens/<split>.<query|code>.offsets  uint32 start of each text, then the end
 *   <work>/tokens/<split>.languages.json        the language of each pair
 * Special tokens ([CLS], [SEP], [UNK], …) are dropped: their vectors are zero in the model, so they
 * change no mean's direction.
 *
 * Usage: node --conditions=source --import tsx tools/embedding-model/tokenize-pairs.ts [--work <dir>]
 */
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AutoTokenizer, env } from '@huggingface/transformers';
import type { CodePair } from './src/pairs.js';
import { modelText } from './src/model-text.js';

const toolDir = path.dirname(fileURLToPath(import.meta.url));
const modelsDir = path.resolve(toolDir, '../../models');
/** The tokenizer files are the stub model's (MiniLM's uncased WordPiece), unchanged. */
const TOKENIZER_MODEL = 'repolens/code-embed-stub';
export const MAX_QUERY_TOKENS = 128;
export const MAX_CODE_TOKENS = 256;
/** Text beyond this many characters cannot reach the token cap; cutting it first saves time. */
const CHARS_PER_TOKEN_BOUND = 12;
const SPLITS = ['train', 'validation', 'heldout'] as const;

interface Tokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
  readonly all_special_ids: number[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { work: { type: 'string', default: path.join(toolDir, 'work') } } });
  const workDir = path.resolve(values.work);
  env.localModelPath = modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  const tokenizer = (await AutoTokenizer.from_pretrained(TOKENIZER_MODEL)) as unknown as Tokenizer;
  const special = new Set(tokenizer.all_special_ids);
  const encode = (text: string, cap: number): number[] => {
    const expanded = modelText(text.slice(0, cap * CHARS_PER_TOKEN_BOUND));
    return tokenizer.encode(expanded, { add_special_tokens: false }).filter((id) => !special.has(id)).slice(0, cap);
  };

  await mkdir(path.join(workDir, 'tokens'), { recursive: true });
  const meta: Record<string, unknown> = { tokenizer: TOKENIZER_MODEL, maxQueryTokens: MAX_QUERY_TOKENS, maxCodeTokens: MAX_CODE_TOKENS };
  for (const split of SPLITS) {
    const queries = new TokenWriter();
    const codes = new TokenWriter();
    const languages: string[] = [];
    const started = Date.now();
    for await (const line of createInterface({ input: createReadStream(path.join(workDir, 'pairs', `${split}.jsonl`)) })) {
      if (line.trim() === '') continue;
      const pair = JSON.parse(line) as CodePair;
      queries.add(encode(pair.query, MAX_QUERY_TOKENS));
      codes.add(encode(pair.code, MAX_CODE_TOKENS));
      languages.push(pair.language);
    }
    await queries.write(path.join(workDir, 'tokens', `${split}.query`));
    await codes.write(path.join(workDir, 'tokens', `${split}.code`));
    await writeFile(path.join(workDir, 'tokens', `${split}.languages.json`), JSON.stringify(languages));
    meta[split] = { pairs: languages.length, queryTokens: queries.tokenCount, codeTokens: codes.tokenCount };
    process.stderr.write(`[tokenize] ${split}: ${languages.length} pairs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  await writeFile(path.join(workDir, 'tokens', 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}

/** Collects token id lists into one uint16 array with uint32 offsets. */
class TokenWriter {
  readonly #chunks: Uint16Array[] = [];
  readonly #offsets: number[] = [0];
  tokenCount = 0;

  add(ids: readonly number[]): void {
    this.#chunks.push(Uint16Array.from(ids));
    this.tokenCount += ids.length;
    this.#offsets.push(this.tokenCount);
  }

  async write(prefix: string): Promise<void> {
    const ids = new Uint16Array(this.tokenCount);
    let at = 0;
    for (const chunk of this.#chunks) {
      ids.set(chunk, at);
      at += chunk.length;
    }
    await writeFile(`${prefix}.ids`, new Uint8Array(ids.buffer));
    await writeFile(`${prefix}.offsets`, new Uint8Array(Uint32Array.from(this.#offsets).buffer));
  }
}

await main();
