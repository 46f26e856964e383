import {
  ErrorBodySchema,
  ExplorerRunQuerySchema,
  FileContentResponseSchema,
  FileParamsSchema,
  FileTreeResponseSchema,
  IdParamsSchema,
  SymbolSearchQuerySchema,
  SymbolSearchResponseSchema,
} from '@repolens/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoutesOptions } from '../app-deps.js';
import { createExplorerAnalyses } from '../services/explorer-analysis.js';
import { checkRepositoryPath, readRepositoryFile } from '../services/repository-file.js';

/** The explorer of SPEC §7: the analysed commit's file tree, one file with its symbols, symbol search. */
export const explorerRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { deps }) => {
  const analyses = createExplorerAnalyses(deps.db, deps.config.pipeline.dataDir);
  const errors = { 404: ErrorBodySchema, 409: ErrorBodySchema, 410: ErrorBodySchema };

  app.get(
    '/api/repositories/:id/files',
    {
      schema: {
        tags: ['explorer'],
        summary: 'The file tree of the analysed commit',
        description: '`runId` reads an earlier completed run instead of the newest; 410 RUN_ARTEFACTS_DELETED once retention removed it.',
        params: IdParamsSchema,
        querystring: ExplorerRunQuerySchema,
        response: { 200: FileTreeResponseSchema, ...errors },
      },
    },
    async (request) => {
      const analysis = await analyses.forRepository(request.params.id, { runId: request.query.runId });
      return { runId: analysis.runId, commitSha: analysis.commitSha, files: [...analysis.files] };
    },
  );

  app.get(
    '/api/repositories/:id/files/*',
    {
      schema: {
        tags: ['explorer'],
        summary: "One file's text at the analysed commit, with its symbols",
        description:
          'The path is inside the repository; `..`, absolute paths and symlinks are refused. Binary and oversized files answer 422. ' +
          '`runId` reads the file as an earlier completed run analysed it, while that run keeps its checkout (410 RUN_ARTEFACTS_DELETED after).',
        params: FileParamsSchema,
        querystring: ExplorerRunQuerySchema,
        response: { 200: FileContentResponseSchema, 400: ErrorBodySchema, 422: ErrorBodySchema, ...errors },
      },
    },
    async (request) => {
      // A hostile path is refused before anything is looked up.
      const filePath = checkRepositoryPath(request.params['*']);
      const analysis = await analyses.forRepository(request.params.id, { runId: request.query.runId, needsCheckout: true });
      return readRepositoryFile(analysis, filePath, deps.config.pipeline.limits.maxFileBytes);
    },
  );

  app.get(
    '/api/repositories/:id/symbols',
    {
      schema: {
        tags: ['explorer'],
        summary: 'Symbol search: exact names, then prefixes, then approximate matches',
        params: IdParamsSchema,
        querystring: SymbolSearchQuerySchema,
        response: { 200: SymbolSearchResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { q, k, kind, runId } = request.query;
      const analysis = await analyses.forRepository(request.params.id, { runId });
      return { results: analysis.symbols.search(q, { k, kind }) };
    },
  );
};
