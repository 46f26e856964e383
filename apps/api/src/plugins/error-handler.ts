import { AppError, ERROR_CODES, toAppError, type ErrorBody, type ErrorCode } from '@repolens/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** Body fields whose validation failure has a code of its own, so clients can tell what to fix. */
const FIELD_ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  '/url': 'INVALID_REPOSITORY_URL',
  '/ref': 'INVALID_REF',
};

function fromValidation(error: FastifyError): AppError | null {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  const first = error.validation[0];
  const path = first?.instancePath ?? '';
  const code = FIELD_ERROR_CODES[path] ?? 'VALIDATION_ERROR';
  const where = path === '' ? error.validationContext ?? 'request' : `${error.validationContext ?? 'request'} ${path.slice(1)}`;
  return new AppError(code, `Invalid ${where}: ${first?.message ?? 'not valid'}`);
}

/** Fastify's own 4xx errors (bad JSON, body too large, wrong content type) keep their status. */
const CODES_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

function fromFastify(error: FastifyError): AppError | null {
  if (typeof error.statusCode !== 'number' || error.statusCode < 400 || error.statusCode >= 500) return null;
  return new AppError(CODES_BY_STATUS[error.statusCode] ?? 'VALIDATION_ERROR', error.message);
}

/** One error mapping for the whole API: `{ error: { code, message } }`; 5xx details stay in the logs. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = fromValidation(error) ?? (error instanceof AppError ? error : fromFastify(error)) ?? toAppError(error);
    const status = appError.status;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, appError.message);
    const message = status >= 500 ? ERROR_CODES[appError.code].message : appError.message;
    const body: ErrorBody = { error: { code: appError.code, message } };
    void reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}` } };
    void reply.status(404).send(body);
  });
}
