import { AppError, GithubPushSchema, GitlabPushSchema, type PushEvent, type WebhookProvider } from '@repolens/contracts';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * The delivery's JSON document. GitHub can also be set to send it form-encoded, as the `payload` field;
 * both are read here, after the signature over the raw bytes has been checked.
 */
export function readDeliveryBody(raw: Buffer, contentType: string | undefined): unknown {
  const text = raw.toString('utf8');
  const json = contentType?.toLowerCase().startsWith(FORM_CONTENT_TYPE) ? new URLSearchParams(text).get('payload') : text;
  if (json === null) throw new AppError('VALIDATION_ERROR', 'The form-encoded delivery has no payload field.');
  try {
    return JSON.parse(json) as unknown;
  } catch (cause) {
    throw new AppError('VALIDATION_ERROR', 'The delivery body is not valid JSON.', { cause });
  }
}

/** The push, in the same shape whichever host sent it; a payload without the fields read is refused. */
export function parsePush(provider: WebhookProvider, payload: unknown): PushEvent {
  if (provider === 'github') {
    const parsed = GithubPushSchema.safeParse(payload);
    if (!parsed.success) throw invalidPush(provider, parsed.error.issues[0]?.path);
    const { repository } = parsed.data;
    return {
      ref: parsed.data.ref,
      after: parsed.data.after.toLowerCase(),
      repositoryUrls: present([repository.clone_url, repository.html_url, repository.ssh_url, repository.git_url]),
      defaultBranch: repository.default_branch ?? null,
    };
  }
  const parsed = GitlabPushSchema.safeParse(payload);
  if (!parsed.success) throw invalidPush(provider, parsed.error.issues[0]?.path);
  const { project } = parsed.data;
  return {
    ref: parsed.data.ref,
    after: parsed.data.after.toLowerCase(),
    repositoryUrls: present([project.git_http_url, project.web_url, project.git_ssh_url]),
    defaultBranch: project.default_branch ?? null,
  };
}

function present(urls: ReadonlyArray<string | null | undefined>): string[] {
  return [...new Set(urls.filter((url): url is string => typeof url === 'string' && url !== ''))];
}

function invalidPush(provider: WebhookProvider, path: ReadonlyArray<PropertyKey> | undefined): AppError {
  const field = path === undefined || path.length === 0 ? 'body' : path.map(String).join('.');
  return new AppError('VALIDATION_ERROR', `The ${provider} push payload is missing or has an invalid ${field}.`);
}
