import type { CreateRepositoryBody } from '@repolens/contracts';

/** What the home form holds when it is sent. */
export interface RepositoryFormValues {
  readonly url: string;
  readonly ref: string;
  readonly accessToken: string;
  /** The "keep this token" box; it only counts while a token is typed. */
  readonly rememberToken: boolean;
  readonly allowPartial: boolean;
}

/**
 * Only a typed token can be kept: without one the box is disabled and counts as unticked (the API
 * refuses `rememberToken` with no token). Spaces around a pasted token are not part of it.
 */
export function canRememberToken(accessToken: string): boolean {
  return accessToken.trim() !== '';
}

/** The `POST /api/repositories` body: empty optional fields left out, `rememberToken` only with a token to keep. */
export function createRepositoryBody(values: RepositoryFormValues): CreateRepositoryBody {
  const body: CreateRepositoryBody = { url: values.url.trim() };
  const ref = values.ref.trim();
  if (ref !== '') body.ref = ref;
  if (canRememberToken(values.accessToken)) {
    body.accessToken = values.accessToken.trim();
    if (values.rememberToken) body.rememberToken = true;
  }
  if (values.allowPartial) body.allowPartial = true;
  return body;
}
