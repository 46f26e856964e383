import { z } from 'zod';

export const WEBHOOK_PROVIDERS = ['github', 'gitlab'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

/** The request headers each Git host signs, names and identifies its deliveries with (lower case, as Node gives them). */
export const WEBHOOK_HEADERS = {
  github: { signature: 'x-hub-signature-256', event: 'x-github-event', delivery: 'x-github-delivery' },
  gitlab: { token: 'x-gitlab-token', event: 'x-gitlab-event', delivery: 'x-gitlab-event-uuid' },
} as const;

/** The event names that mean "commits were pushed". */
export const PUSH_EVENTS = { github: 'push', gitlab: 'Push Hook' } as const satisfies Record<WebhookProvider, string>;
/** GitHub's greeting when a hook is created; answered, never acted on. */
export const GITHUB_PING_EVENT = 'ping';

/** The `after` of a push that deleted its branch. */
export const DELETED_BRANCH_SHA = '0'.repeat(40);

const CommitShaSchema = z.string().regex(/^[0-9a-f]{40}$/i);
const OptionalUrl = z.string().nullish();

/** The part of GitHub's push payload RepoLens reads. */
export const GithubPushSchema = z.object({
  ref: z.string(),
  after: CommitShaSchema,
  deleted: z.boolean().optional(),
  repository: z.object({
    clone_url: OptionalUrl,
    html_url: OptionalUrl,
    ssh_url: OptionalUrl,
    git_url: OptionalUrl,
    default_branch: z.string().nullish(),
  }),
});

/** The part of GitLab's push payload RepoLens reads. */
export const GitlabPushSchema = z.object({
  ref: z.string(),
  after: CommitShaSchema,
  project: z.object({
    git_http_url: OptionalUrl,
    git_ssh_url: OptionalUrl,
    web_url: OptionalUrl,
    default_branch: z.string().nullish(),
  }),
});

/** A push, whichever host sent it. */
export interface PushEvent {
  /** The full ref pushed (`refs/heads/main`). */
  readonly ref: string;
  readonly after: string;
  /** Every URL the payload gives for the repository; matched against analysed repositories' clone URLs. */
  readonly repositoryUrls: readonly string[];
  readonly defaultBranch: string | null;
}

export const WEBHOOK_OUTCOMES = ['queued', 'deferred', 'ignored'] as const;
export const WebhookOutcomeSchema = z.enum(WEBHOOK_OUTCOMES);
export type WebhookOutcome = z.infer<typeof WebhookOutcomeSchema>;

export const WebhookResponseSchema = z.object({
  /** `queued`: a run started; `deferred`: a run was in progress, the push is analysed after it; `ignored`: nothing to do. */
  outcome: WebhookOutcomeSchema,
  reason: z.string().nullable(),
  repositories: z.array(
    z.object({
      repositoryId: z.uuid(),
      outcome: WebhookOutcomeSchema,
      runId: z.uuid().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type WebhookResponse = z.infer<typeof WebhookResponseSchema>;
