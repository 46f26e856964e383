import { AppError, RefSchema } from '@repolens/contracts';

const FULL_SHA = /^[0-9a-f]{40}$/i;
const SHORT_SHA = /^[0-9a-f]{7,39}$/i;

/** A full 40-hex commit id. */
export function isFullCommitSha(ref: string): boolean {
  return FULL_SHA.test(ref);
}

/** An abbreviated commit id; it may also be a branch or tag name, which wins when one exists. */
export function isShortCommitSha(ref: string): boolean {
  return SHORT_SHA.test(ref);
}

/**
 * Checks a ref before it goes near git; the API validates the same way, this guards every other caller.
 * Returns the trimmed ref.
 */
export function assertSafeRef(ref: string): string {
  const parsed = RefSchema.safeParse(ref);
  if (!parsed.success) throw new AppError('INVALID_REF', `"${ref.slice(0, 80)}" is not a valid branch, tag or commit name.`);
  return parsed.data;
}
