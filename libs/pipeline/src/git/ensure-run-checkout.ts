import { requireResult, type StageContext } from '../stage.js';
import { ensureCheckout } from './ensure-checkout.js';
import { parseRepositoryUrl } from './repository-url.js';

/**
 * For the stages after initialization: makes sure this worker has the run's checkout at the commit the
 * initialization stage pinned, cloning it again when another worker made it.
 */
export async function ensureRunCheckout(ctx: StageContext): Promise<'present' | 'restored'> {
  const init = requireResult(ctx, 'initialization');
  const outcome = await ensureCheckout({
    cloneUrl: init.cloneUrl,
    kind: init.cloneUrl.startsWith('file:') ? 'local' : 'https',
    commitSha: init.commitSha,
    dir: ctx.workspace.checkoutDir,
    token: ctx.request.accessToken ?? embeddedToken(ctx.request.url),
    signal: ctx.signal,
    // A full first clone is restored in full, so history figures do not change with the worker.
    depth: init.shallow ? 1 : 0,
  });
  if (outcome === 'restored') ctx.log.info({ commitSha: init.commitSha }, 'restored the checkout at the pinned commit');
  return outcome;
}

function embeddedToken(url: string): string | null {
  try {
    // The URL was accepted when the run started; local ones have no token either way.
    return parseRepositoryUrl(url, { allowLocal: true }).embeddedToken;
  } catch {
    return null;
  }
}
