import type { Chunk } from '@repolens/contracts';

/** What the lexical index thread is asked: chunks for a build, then the build written out, or dropped. */
export type LexicalThreadRequest =
  | { readonly kind: 'add'; readonly build: number; readonly chunks: readonly Chunk[] }
  | { readonly kind: 'finish'; readonly build: number }
  | { readonly kind: 'discard'; readonly build: number };

/** A finished build: the index serialised (as `LexicalIndex.serialize` gives it), or why it failed. */
export type LexicalThreadReply =
  | { readonly kind: 'serialized'; readonly build: number; readonly json: string }
  | { readonly kind: 'failed'; readonly build: number; readonly error: string };
