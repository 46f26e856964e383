import { z } from 'zod';
import { AddedTokenSplitter } from './added-token-splitter.js';
import { createBertNormalizer, type BertNormalizerConfig } from './bert-normalizer.js';

// A re-implementation of what transformers.js 4 (through @huggingface/tokenizers) does for a BERT
// WordPiece tokenizer.json, step for step, so the ids are the same; it is several times faster
// because text normalisation runs as whole-string regular expressions and each distinct word is cut
// into word pieces once and remembered (source code repeats its identifiers a lot).

const AddedTokenSchema = z.object({
  id: z.number().int().nonnegative(),
  content: z.string().min(1),
  lstrip: z.boolean().optional(),
  rstrip: z.boolean().optional(),
  special: z.boolean().optional(),
  normalized: z.boolean().optional(),
});

const TemplatePieceSchema = z.union([
  z.object({ SpecialToken: z.object({ id: z.string() }) }),
  z.object({ Sequence: z.object({ id: z.string() }) }),
]);

const PostProcessorSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('TemplateProcessing'), single: z.array(TemplatePieceSchema) }),
    z.object({ type: z.literal('BertProcessing'), cls: z.tuple([z.string(), z.number()]), sep: z.tuple([z.string(), z.number()]) }),
  ])
  .nullable();

/** The parts of tokenizer.json this tokenizer understands; anything else is not a BERT WordPiece tokenizer. */
const TokenizerJsonSchema = z.object({
  added_tokens: z.array(AddedTokenSchema),
  normalizer: z.object({
    type: z.literal('BertNormalizer'),
    clean_text: z.boolean().optional(),
    handle_chinese_chars: z.boolean().optional(),
    strip_accents: z.boolean().nullable().optional(),
    lowercase: z.boolean().optional(),
  }),
  pre_tokenizer: z.object({ type: z.literal('BertPreTokenizer') }),
  post_processor: PostProcessorSchema,
  model: z.object({
    type: z.literal('WordPiece'),
    unk_token: z.string(),
    continuing_subword_prefix: z.string(),
    max_input_chars_per_word: z.number().int().positive().optional(),
    // Only its shape here; the constructor checks the ids while reading them (30,000 entries).
    vocab: z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value)),
  }),
});

const TokenizerConfigSchema = z.object({
  model_max_length: z.number().positive().optional(),
  remove_space: z.boolean().optional(),
  do_lowercase_and_remove_accent: z.boolean().optional(),
});

/** transformers.js's BertPreTokenizer: runs of non-space non-punctuation, or one punctuation character. */
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN_PATTERN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');

/** Distinct words remembered per tokenizer before the cache starts over (a few MB at most). */
const WORD_CACHE_LIMIT = 200_000;

/** Why a tokenizer cannot be reproduced here; the caller then keeps the transformers.js path. */
export class UnsupportedTokenizerError extends Error {
  override readonly name = 'UnsupportedTokenizerError';
}

interface AddedTokenInfo {
  readonly id: number;
  readonly lstrip: boolean;
  readonly rstrip: boolean;
}

/**
 * Text → token ids exactly as transformers.js's BertTokenizer makes them for the feature-extraction
 * pipeline: added tokens split out, BERT normalisation, BERT pre-tokenisation, greedy longest-match
 * WordPiece, the post-processor's special tokens, then truncation to `model_max_length`.
 */
export class WordPieceTokenizer {
  /** Largest token id the tokenizer can produce, to check it against an embedding table. */
  readonly maxTokenId: number;
  readonly #vocab: Map<string, number>;
  readonly #added: Map<string, AddedTokenInfo>;
  readonly #unnormalizedSplitter: AddedTokenSplitter;
  readonly #normalizedSplitter: AddedTokenSplitter;
  readonly #normalize: (text: string) => string;
  readonly #removeSpace: boolean;
  readonly #lowercaseAndRemoveAccent: boolean;
  readonly #unkToken: string;
  /** The id of [UNK] in the model's own vocabulary, for a token string no table knows. */
  readonly #unkId: number | undefined;
  readonly #maxWordChars: number;
  /** The ids of pieces that may start a word, and of those that continue one (keyed without their `##`). */
  readonly #wordStarts = new Map<string, number>();
  readonly #continuations = new Map<string, number>();
  /** Longest piece of each kind in code points: a longer one cannot match, so the search starts there. */
  #longestStart = 0;
  #longestContinuation = 0;
  readonly #prefixIds: readonly number[];
  readonly #suffixIds: readonly number[];
  readonly #maxLength: number;
  readonly #wordCache = new Map<string, readonly number[]>();

  /** Builds the tokenizer from parsed tokenizer.json and tokenizer_config.json; throws UnsupportedTokenizerError. */
  constructor(tokenizerJson: unknown, tokenizerConfig: unknown) {
    const parsed = TokenizerJsonSchema.safeParse(tokenizerJson);
    if (!parsed.success) throw new UnsupportedTokenizerError(`not a BERT WordPiece tokenizer.json (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    const config = TokenizerConfigSchema.safeParse(tokenizerConfig);
    if (!config.success) throw new UnsupportedTokenizerError('tokenizer_config.json has unexpected values');
    const { model, normalizer, added_tokens: addedTokens, post_processor: postProcessor } = parsed.data;

    this.#vocab = new Map();
    let maxTokenId = 0;
    for (const [token, id] of Object.entries(model.vocab)) {
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new UnsupportedTokenizerError(`vocabulary entry ${token} has no valid id`);
      this.#vocab.set(token, id);
      maxTokenId = Math.max(maxTokenId, id);
    }

    this.#unkId = this.#vocab.get(model.unk_token);

    // As in @huggingface/tokenizers: added tokens join the vocabulary, and are split out of the raw
    // text (or, for `normalized` ones, out of the normalised text) before anything else happens.
    this.#added = new Map();
    const unnormalized: string[] = [];
    const normalized: string[] = [];
    this.#normalize = createBertNormalizer(normalizer satisfies BertNormalizerConfig);
    for (const token of addedTokens) {
      this.#vocab.set(token.content, token.id);
      maxTokenId = Math.max(maxTokenId, token.id);
      const info = { id: token.id, lstrip: token.lstrip ?? false, rstrip: token.rstrip ?? false };
      this.#added.set(token.content, info);
      if (token.normalized ?? !(token.special ?? false)) {
        const content = this.#normalize(token.content);
        normalized.push(content);
        this.#added.set(content, info);
      } else {
        unnormalized.push(token.content);
      }
    }
    this.#unnormalizedSplitter = new AddedTokenSplitter(unnormalized);
    this.#normalizedSplitter = new AddedTokenSplitter(normalized);
    this.maxTokenId = maxTokenId;
    this.#unkToken = model.unk_token;
    this.#maxWordChars = model.max_input_chars_per_word ?? 100;
    this.#removeSpace = config.data.remove_space === true;
    this.#lowercaseAndRemoveAccent = config.data.do_lowercase_and_remove_accent ?? false;
    this.#maxLength = config.data.model_max_length ?? Number.POSITIVE_INFINITY;

    // WordPiece matches against the vocabulary with the added tokens in it, as the original does.
    const prefix = model.continuing_subword_prefix;
    for (const token of this.#vocab.keys()) {
      const id = this.#tokenId(token);
      this.#wordStarts.set(token, id);
      this.#longestStart = Math.max(this.#longestStart, codePointLength(token));
      if (prefix.length > 0 && token.startsWith(prefix)) {
        const rest = token.slice(prefix.length);
        this.#continuations.set(rest, id);
        this.#longestContinuation = Math.max(this.#longestContinuation, codePointLength(rest));
      }
    }
    // An empty prefix makes every piece a continuation too.
    if (prefix.length === 0) {
      for (const [token, id] of this.#wordStarts) this.#continuations.set(token, id);
      this.#longestContinuation = this.#longestStart;
    }

    const template = specialTokenTemplate(postProcessor);
    this.#prefixIds = template.before.map((token) => this.#tokenId(token));
    this.#suffixIds = template.after.map((token) => this.#tokenId(token));
  }

  /** The ids of one text, special tokens included, truncated to the tokenizer's model_max_length. */
  encode(text: string): number[] {
    const ids: number[] = [...this.#prefixIds];
    this.#encodeText(text, ids);
    for (const id of this.#suffixIds) ids.push(id);
    // transformers.js truncates by cutting the list, so a long text loses its closing special token too.
    if (ids.length > this.#maxLength) ids.length = this.#maxLength;
    return ids;
  }

  /** How many tokens `text` is, without special tokens and without truncation (to cut texts that fit). */
  countTokens(text: string): number {
    const ids: number[] = [];
    this.#encodeText(text, ids);
    return ids.length;
  }

  /** The most tokens of one text the model reads (model_max_length), special tokens included; may be infinite. */
  get maxLength(): number {
    return this.#maxLength;
  }

  /** Special tokens put around every text ([CLS] and [SEP] for BERT). */
  get specialTokenCount(): number {
    return this.#prefixIds.length + this.#suffixIds.length;
  }

  #encodeText(text: string, ids: number[]): void {
    for (const section of this.#unnormalizedSplitter.split(text, this.#added)) {
      if (section.length === 0) continue;
      const token = this.#added.get(section);
      if (token !== undefined) {
        ids.push(token.id);
        continue;
      }
      this.#encodeSection(section, ids);
    }
  }

  #encodeSection(raw: string, ids: number[]): void {
    let text = raw;
    if (this.#removeSpace) text = text.trim().split(/\s+/).join(' ');
    if (this.#lowercaseAndRemoveAccent) text = text.toLowerCase().replace(/\p{M}/gu, '');
    text = this.#normalize(text);
    if (text.length === 0) return;
    for (const part of this.#normalizedSplitter.split(text, this.#added)) {
      if (part.length === 0) continue;
      const token = this.#added.get(part);
      if (token !== undefined) {
        ids.push(token.id);
        continue;
      }
      for (const word of part.trim().match(PRE_TOKEN_PATTERN) ?? []) {
        let pieces = this.#wordCache.get(word);
        if (pieces === undefined) {
          pieces = this.#wordPieces(word);
          if (this.#wordCache.size >= WORD_CACHE_LIMIT) this.#wordCache.clear();
          this.#wordCache.set(word, pieces);
        }
        for (const id of pieces) ids.push(id);
      }
    }
  }

  /** Greedy longest-match-first WordPiece over code points; a word with an unknown part is one [UNK]. */
  #wordPieces(word: string): number[] {
    // Where each code point starts, so pieces are cut with slice() rather than rebuilt from characters.
    const bounds = [0];
    for (let offset = 0; offset < word.length; ) {
      offset += (word.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
      bounds.push(offset);
    }
    const length = bounds.length - 1;
    if (length > this.#maxWordChars) return [this.#tokenId(this.#unkToken)];
    const pieces: number[] = [];
    let start = 0;
    while (start < length) {
      const candidates = start === 0 ? this.#wordStarts : this.#continuations;
      let end = Math.min(length, start + (start === 0 ? this.#longestStart : this.#longestContinuation));
      let found: number | undefined;
      for (; end > start; end -= 1) {
        found = candidates.get(word.slice(bounds[start], bounds[end]));
        if (found !== undefined) break;
      }
      if (found === undefined) return [this.#tokenId(this.#unkToken)];
      pieces.push(found);
      start = end;
    }
    return pieces;
  }

  /** The id transformers.js gives a token string: added tokens first, then the vocabulary, else [UNK]. */
  #tokenId(token: string): number {
    const id = this.#added.get(token)?.id ?? this.#vocab.get(token) ?? this.#unkId;
    if (id === undefined) throw new UnsupportedTokenizerError(`token ${token} has no id and there is no unknown token`);
    return id;
  }
}

/** The special tokens the post-processor puts around a single text. */
function specialTokenTemplate(postProcessor: z.infer<typeof PostProcessorSchema>): { before: string[]; after: string[] } {
  if (postProcessor === null) return { before: [], after: [] };
  if (postProcessor.type === 'BertProcessing') return { before: [postProcessor.cls[0]], after: [postProcessor.sep[0]] };
  const before: string[] = [];
  const after: string[] = [];
  let sequenceSeen = false;
  for (const piece of postProcessor.single) {
    if ('Sequence' in piece) {
      if (piece.Sequence.id !== 'A' || sequenceSeen) throw new UnsupportedTokenizerError('the single-text template is not [special…] A [special…]');
      sequenceSeen = true;
    } else {
      (sequenceSeen ? after : before).push(piece.SpecialToken.id);
    }
  }
  if (!sequenceSeen) throw new UnsupportedTokenizerError('the single-text template has no text in it');
  return { before, after };
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _char of text) length += 1;
  return length;
}
