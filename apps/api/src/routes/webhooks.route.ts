import { ErrorBodySchema, WEBHOOK_HEADERS, WEBHOOK_PROVIDERS, WebhookResponseSchema, AppError } from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RoutesOptions } from '../app-deps.js';
import { receivePush } from '../services/webhooks/receive-push.js';

/** GitHub's own cap on a delivery, so no delivery it sends is refused for its size. */
const WEBHOOK_BODY_LIMIT_BYTES = 25 * 1024 * 1024;
const BODY_CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

const PROVIDER_DOCS = {
  github: {
    summary: 'GitHub push webhook',
    description:
      'Set the hook\'s secret to GITHUB_WEBHOOK_SECRET (or WEBHOOK_SECRET). Verified with X-Hub-Signature-256 over the raw body; ' +
      'a delivery id (X-GitHub-Delivery) seen before is refused. A push to the analysed branch of an analysed repository starts a run at the pushed commit.',
    headers: z.object({
      [WEBHOOK_HEADERS.github.signature]: z.string().optional(),
      [WEBHOOK_HEADERS.github.event]: z.string().optional(),
      [WEBHOOK_HEADERS.github.delivery]: z.string().optional(),
    }),
  },
  gitlab: {
    summary: 'GitLab push webhook',
    description:
      'Set the hook\'s secret token to GITLAB_WEBHOOK_TOKEN (or WEBHOOK_SECRET); it is checked against X-Gitlab-Token. ' +
      'A delivery id (X-Gitlab-Event-UUID) seen before is refused. A push to the analysed branch of an analysed repository starts a run at the pushed commit.',
    headers: z.object({
      [WEBHOOK_HEADERS.gitlab.token]: z.string().optional(),
      [WEBHOOK_HEADERS.gitlab.event]: z.string().optional(),
      [WEBHOOK_HEADERS.gitlab.delivery]: z.string().optional(),
    }),
  },
} as const;

export const webhooksRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  // The signature covers the bytes as sent, so in this plugin (and only here) bodies stay raw buffers;
  // they are parsed once the delivery is authenticated.
  app.removeContentTypeParser(BODY_CONTENT_TYPES);
  app.addContentTypeParser(BODY_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }, (_request, body, done) => {
    done(null, body);
  });

  for (const provider of WEBHOOK_PROVIDERS) {
    const docs = PROVIDER_DOCS[provider];
    app.post(
      `/api/webhooks/${provider}`,
      {
        bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
        schema: {
          tags: ['webhooks'],
          summary: docs.summary,
          description: docs.description,
          headers: docs.headers,
          response: { 202: WebhookResponseSchema, 400: ErrorBodySchema, 401: ErrorBodySchema },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the delivery as application/json.');
        const result = await receivePush(deps, {
          provider,
          rawBody: request.body,
          contentType: request.headers['content-type'],
          headers: request.headers,
        });
        request.log.info({ provider, outcome: result.outcome, reason: result.reason }, 'webhook delivery handled');
        return reply.status(202).send(result);
      },
    );
  }
};
