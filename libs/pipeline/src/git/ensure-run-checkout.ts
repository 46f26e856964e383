import type { PipelineSettings } from '../settings.js';
import { requireResult, type StageContext } from '../stage.js';
import type { PartialCheckout } from './checkout-worktree.js';
import { ensureCheckout } from './ensure-checkout.js';
import { parseRepositoryUrl, type RepositoryKind } from './repository-url.js';

/**
 * For the stages after initialization: makes sure this worker has the run's checkout at the commit the
 * initialization stage pinned, cloning it again when another worker made it. Give `settings` so a restore
 * keeps the deployment's network policy and limits; without them it reaches public addresses only and has
 * no limits beyond the partial cut the first checkout recorded.
 */
export async function ensureRunCheckout(ctx: StageContext, settings?: Pick<PipelineSettings, 'network' | 'limits'>): Promise<'present' | 'restored'> {
  const init = requireResult(ctx, 'initialization');
  const partial = init.partial;
  const limits = settings?.limits;
  // A partial first checkout may have left out files without recording a cut (paths too deep); the
  // restore leaves them out again rather than fail.
  let cut: PartialCheckout | undefined;
  if (partial !== undefined) cut = { blobLimitBytes: partial.blobLimitBytes };
  else if (ctx.request.allowPartial) cut = { blobLimitBytes: null };
  const outcome = await ensureCheckout({
    cloneUrl: init.cloneUrl,
    kind: kindOf(init.cloneUrl),
    commitSha: init.commitSha,
    dir: ctx.workspace.checkoutDir,
    token: ctx.request.accessToken ?? embeddedToken(ctx.request.url),
    signal: ctx.signal,
    // A full first clone is restored in full, so history figures do not change with the worker.
    depth: init.shallow ? 1 : 0,
    ...(settings === undefined ? {} : { network: settings.network }),
    ...(cut === undefined ? {} : { partial: cut }),
    ...(limits === undefined && partial?.maxFiles == null
      ? {}
      : {
          limits: {
            timeoutMs: limits?.cloneTimeoutMs ?? Number.MAX_SAFE_INTEGER,
            maxBytes: limits?.maxRepositoryBytes ?? Number.MAX_SAFE_INTEGER,
            maxFiles: partial?.maxFiles ?? limits?.maxFiles ?? Number.MAX_SAFE_INTEGER,
          },
        }),
  });
  if (outcome === 'restored') ctx.log.info({ commitSha: init.commitSha }, 'restored the checkout at the pinned commit');
  return outcome;
}

function kindOf(cloneUrl: string): RepositoryKind {
  if (cloneUrl.startsWith('file:')) return 'local';
  return cloneUrl.startsWith('https:') ? 'https' : 'ssh';
}

function embeddedToken(url: string): string | null {
  try {
    // The URL was accepted when the run started; local and ssh ones have no token either way.
    return parseRepositoryUrl(url, { allowLocal: true, allowSsh: true, allowPrivateAddresses: true }).embeddedToken;
  } catch {
    return null;
  }
}
