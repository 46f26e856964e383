import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>RepoLens</title>
<p>The web page has not been built yet. Run <code>npm run build</code>, then reload.</p>`;

/** Serves the built web page at `/`, so the start command gives a single URL. */
export async function registerWeb(app: FastifyInstance, webDistDir: string | null): Promise<void> {
  const index = webDistDir === null ? null : path.join(webDistDir, 'index.html');
  if (webDistDir === null || index === null || !existsSync(index)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html').send(NOT_BUILT_PAGE));
    return;
  }
  await app.register(fastifyStatic, { root: webDistDir, index: 'index.html', wildcard: false });
}
