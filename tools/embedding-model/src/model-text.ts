// The embedder splits camelCase and snake_case identifiers before tokenising (the tokenizer lowercases,
// so `computeRetryDelay` would otherwise become meaningless word pieces). Training must see the same
// text, so this is the embedder's own function, not a copy of it. It is not part of the pipeline's
// public surface, hence the path into its sources.
import { expandIdentifiers } from '../../../libs/pipeline/src/embedding/split-identifiers.js';

/** The text the embedding model is given for `text`, exactly as at runtime. */
export function modelText(text: string): string {
  return expandIdentifiers(text);
}
