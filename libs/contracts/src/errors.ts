/**
 * Every error the product reports, in one table: its HTTP status when it reaches a client, and whether
 * a stage that hits it should be retried.
 */
export const ERROR_CODES = {
  VALIDATION_ERROR: { status: 400, retryable: false, message: 'The request is not valid.' },
  INVALID_REPOSITORY_URL: { status: 400, retryable: false, message: 'That is not a Git repository URL.' },
  UNSUPPORTED_URL_SCHEME: { status: 400, retryable: false, message: 'Only https:// repository URLs are accepted.' },
  LOCAL_REPOSITORIES_DISABLED: { status: 400, retryable: false, message: 'Local repositories are disabled on this server.' },
  INVALID_REF: { status: 400, retryable: false, message: 'That is not a valid branch, tag or commit.' },
  NOT_FOUND: { status: 404, retryable: false, message: 'Not found.' },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, message: 'Send JSON (content-type: application/json).' },
  REPOSITORY_NOT_FOUND: { status: 404, retryable: false, message: 'The repository does not exist or cannot be read.' },
  REF_NOT_FOUND: { status: 404, retryable: false, message: 'The branch, tag or commit does not exist in the repository.' },
  HOST_NOT_FOUND: { status: 502, retryable: false, message: 'The repository host could not be found.' },
  REPOSITORY_AUTH_REQUIRED: { status: 401, retryable: false, message: 'The repository needs credentials (an access token).' },
  ADDRESS_NOT_ALLOWED: { status: 400, retryable: false, message: 'The repository host resolves to an address this server may not reach.' },
  REPOSITORY_TOO_LARGE: { status: 422, retryable: false, message: 'The repository is over the size limit of this server.' },
  TOO_MANY_FILES: { status: 422, retryable: false, message: 'The repository has more files than this server analyses.' },
  CLONE_TIMEOUT: { status: 504, retryable: true, message: 'Cloning the repository took longer than the limit.' },
  CLONE_FAILED: { status: 502, retryable: true, message: 'Cloning the repository failed.' },
  RUN_NOT_CANCELLABLE: { status: 409, retryable: false, message: 'The run has already ended.' },
  RUN_CANCELLED: { status: 409, retryable: false, message: 'The run was cancelled.' },
  RUN_NOT_RETRYABLE: { status: 409, retryable: false, message: 'Only a failed or timed-out run can be retried.' },
  INVALID_SCHEDULE: { status: 400, retryable: false, message: 'That is not a valid cron schedule.' },
  WEBHOOK_UNAUTHORIZED: { status: 401, retryable: false, message: 'The webhook signature or secret token is missing or wrong.' },
  WEBHOOK_REPLAYED: { status: 401, retryable: false, message: 'This webhook delivery was already received.' },
  STAGE_TIMEOUT: { status: 504, retryable: true, message: 'The stage took longer than its time limit.' },
  INDEX_NOT_READY: { status: 409, retryable: false, message: 'The repository has no search index yet.' },
  EMBEDDING_MODEL_UNAVAILABLE: { status: 503, retryable: false, message: 'The embedding model could not be loaded.' },
  LLM_AUTH_FAILED: { status: 502, retryable: false, message: 'The language model endpoint refused the configured API key.' },
  LLM_RATE_LIMITED: { status: 503, retryable: true, message: 'The language model is rate-limiting requests; try again shortly.' },
  LLM_TIMEOUT: { status: 504, retryable: true, message: 'The language model did not answer in time.' },
  LLM_UNAVAILABLE: { status: 502, retryable: true, message: 'The language model endpoint could not be reached or failed.' },
  RUN_ARTEFACTS_DELETED: {
    status: 410,
    retryable: false,
    message: "This analysis's checkout or index was removed by the retention policy; open the repository's current analysis.",
  },
  FILE_NOT_VIEWABLE: { status: 422, retryable: false, message: 'The file is binary, too large or not readable text, so it is not shown.' },
  CHECKOUT_UNAVAILABLE: { status: 500, retryable: true, message: 'The repository checkout could not be prepared.' },
  SERVICE_UNAVAILABLE: { status: 503, retryable: true, message: 'A backing service is unavailable.' },
  RATE_LIMITED: { status: 429, retryable: true, message: 'Too many requests.' },
  INTERNAL_ERROR: { status: 500, retryable: true, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; retryable: boolean; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/** The one error class of the product: a code from the table, a human message, the cause kept for logs. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message ?? ERROR_CODES[code].message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  return new AppError('INTERNAL_ERROR', undefined, { cause: value });
}
