export {
  parseRepositoryUrl,
  repositoryUrlOptions,
  type ParsedRepositoryUrl,
  type ParseRepositoryUrlOptions,
  type RepositoryKind,
} from './repository-url.js';
export { assertSafeRef, isFullCommitSha, isShortCommitSha } from './refs.js';
export { createGit, streamGit, type GitCommandOptions, type StreamGitOptions } from './git-command.js';
export { toGitError, redact, type GitErrorContext } from './git-errors.js';
export type { GitProgress } from './git-progress.js';
export { remoteRouteFor, sshCommandFor, type RemoteRoute } from './remote-route.js';
export { guardClone, directorySize, type CloneGuard, type CloneLimits } from './clone-guard.js';
export { checkoutWorktree, type LeftOut, type PartialCheckout } from './checkout-worktree.js';
export { cloneRepository, type CloneRepositoryOptions, type CloneResult, type CloneProgress } from './clone-repository.js';
export { ensureCheckout, isCheckoutAt, type EnsureCheckoutOptions } from './ensure-checkout.js';
export { ensureRunCheckout } from './ensure-run-checkout.js';
export { resolveRemoteCommit, type ResolveRemoteCommitOptions } from './resolve-remote-commit.js';
export * from '../network/index.js';
