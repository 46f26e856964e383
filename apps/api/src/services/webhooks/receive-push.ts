import {
  DELETED_BRANCH_SHA,
  GITHUB_PING_EVENT,
  PUSH_EVENTS,
  WEBHOOK_HEADERS,
  type PushEvent,
  type WebhookOutcome,
  type WebhookProvider,
  type WebhookResponse,
} from '@repolens/contracts';
import type { RepositoryRecord } from '@repolens/db';
import { parseRepositoryUrl, repositoryUrlOptions } from '@repolens/pipeline';
import { launchRun } from '@repolens/queues';
import type { AppDeps } from '../../app-deps.js';
import { DeliveryGuard } from './delivery-guard.js';
import { parsePush, readDeliveryBody } from './push-event.js';
import { authenticateDelivery } from './webhook-auth.js';

const BRANCH_PREFIX = 'refs/heads/';

export interface Delivery {
  readonly provider: WebhookProvider;
  readonly rawBody: Buffer;
  readonly contentType: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

type RepositoryOutcome = WebhookResponse['repositories'][number];

/**
 * A push webhook from GitHub or GitLab: authenticated (forgeries refused), claimed once (replays refused),
 * then each analysed repository with that URL whose branch was pushed gets a new run at the pushed commit.
 * Everything else is acknowledged and ignored, with the reason.
 */
export async function receivePush(deps: AppDeps, delivery: Delivery): Promise<WebhookResponse> {
  const { provider } = delivery;
  const names = WEBHOOK_HEADERS[provider];
  const header = (name: string): string | undefined => {
    const value = delivery.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const secret = provider === 'github' ? deps.config.resync.githubSecret : deps.config.resync.gitlabToken;
  authenticateDelivery(provider, secret, delivery.rawBody, {
    signature: provider === 'github' ? header(WEBHOOK_HEADERS.github.signature) : undefined,
    token: provider === 'gitlab' ? header(WEBHOOK_HEADERS.gitlab.token) : undefined,
  });

  const guard = new DeliveryGuard(deps.redis, deps.config.redis.prefix, deps.config.resync.replayTtlSeconds);
  const release = await guard.claim(provider, header(names.delivery), names.delivery);
  try {
    const event = header(names.event);
    if (provider === 'github' && event === GITHUB_PING_EVENT) return ignored('ping received; the hook is set up');
    if (event !== PUSH_EVENTS[provider]) return ignored(`"${event ?? 'unnamed'}" events are not analysed; only pushes are`);
    return await handlePush(deps, parsePush(provider, readDeliveryBody(delivery.rawBody, delivery.contentType)));
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
}

async function handlePush(deps: AppDeps, push: PushEvent): Promise<WebhookResponse> {
  if (push.after === DELETED_BRANCH_SHA) return ignored('the push deleted the branch');
  if (!push.ref.startsWith(BRANCH_PREFIX)) return ignored(`only branch pushes are analysed; this one was to ${push.ref}`);
  const branch = push.ref.slice(BRANCH_PREFIX.length);

  const repositories = await deps.db.repositories.findByUrls(cloneUrlsOf(deps, push.repositoryUrls));
  if (repositories.length === 0) return ignored('no analysed repository has this URL');

  const outcomes: RepositoryOutcome[] = [];
  for (const repository of repositories) outcomes.push(await pushTo(deps, repository, branch, push));
  const outcome: WebhookOutcome = outcomes.some((o) => o.outcome === 'queued')
    ? 'queued'
    : outcomes.some((o) => o.outcome === 'deferred')
      ? 'deferred'
      : 'ignored';
  return { outcome, reason: outcomes.length === 1 ? (outcomes[0]?.reason ?? null) : null, repositories: outcomes };
}

/** What one analysed repository (a URL at a ref) does with the push. */
async function pushTo(deps: AppDeps, repository: RepositoryRecord, branch: string, push: PushEvent): Promise<RepositoryOutcome> {
  const result = (outcome: WebhookOutcome, runId: string | null, reason: string | null): RepositoryOutcome => ({
    repositoryId: repository.id,
    outcome,
    runId,
    reason,
  });
  const analysedBranch = repository.ref ?? push.defaultBranch;
  if (analysedBranch === null) return result('ignored', null, 'the payload does not say which branch is the default one');
  if (analysedBranch !== branch) return result('ignored', null, `the repository is analysed at ${analysedBranch}, not ${branch}`);

  const latest = await deps.db.runs.findLatestCompleted(repository.id);
  if (latest?.commitSha === push.after) return result('ignored', latest.id, 'this commit is already analysed');

  // A full commit id as the run's ref: the run analyses exactly the commit pushed.
  const launched = await launchRun(deps, { repositoryId: repository.id, ref: push.after, trigger: 'webhook' });
  if (launched.kind === 'started') return result('queued', launched.runId, null);
  if (launched.run.ref === push.after || launched.run.commitSha === push.after) {
    return result('ignored', launched.run.id, 'a run of this commit is already in progress');
  }
  await deps.resync.deferPush(repository.id, deps.config.resync.deferMs);
  return result('deferred', launched.run.id, 'a run is in progress; the branch is analysed again once it has ended');
}

/**
 * The payload's URLs in the form repositories are stored in (what a submission of that URL would store),
 * leaving out any this server would not accept as a submission.
 */
function cloneUrlsOf(deps: AppDeps, urls: readonly string[]): string[] {
  const options = repositoryUrlOptions(deps.config.pipeline);
  return urls.flatMap((url) => {
    try {
      return [parseRepositoryUrl(url, options).cloneUrl];
    } catch {
      return [];
    }
  });
}

function ignored(reason: string): WebhookResponse {
  return { outcome: 'ignored', reason, repositories: [] };
}
