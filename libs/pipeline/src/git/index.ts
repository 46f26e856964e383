export { parseRepositoryUrl, type ParsedRepositoryUrl, type ParseRepositoryUrlOptions, type RepositoryKind } from './repository-url.js';
export { assertSafeRef, isFullCommitSha, isShortCommitSha } from './refs.js';
export { createGit, type GitCommandOptions } from './git-command.js';
export { toGitError, type GitErrorContext } from './git-errors.js';
export type { GitProgress } from './git-progress.js';
export { cloneRepository, type CloneRepositoryOptions, type CloneResult, type CloneProgress } from './clone-repository.js';
export { ensureCheckout, isCheckoutAt, type EnsureCheckoutOptions } from './ensure-checkout.js';
export { ensureRunCheckout } from './ensure-run-checkout.js';
export { resolveRemoteCommit } from './resolve-remote-commit.js';
