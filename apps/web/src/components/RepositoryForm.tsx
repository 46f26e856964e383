import { useState, type FormEvent } from 'react';
import { RefSchema, toAppError, type AppError, type CreateRepositoryResponse, type ErrorCode } from '@repolens/contracts';
import { createRepository } from '../api-client.js';
import { canRememberToken, createRepositoryBody } from '../repository-request.js';
import { FieldError } from './FieldError.js';

type Field = 'url' | 'ref' | 'accessToken';

/** Which input an API error is about, so its message is shown under that input. */
const FIELD_OF_ERROR: Partial<Record<ErrorCode, Field>> = {
  INVALID_REPOSITORY_URL: 'url',
  UNSUPPORTED_URL_SCHEME: 'url',
  LOCAL_REPOSITORIES_DISABLED: 'url',
  REPOSITORY_NOT_FOUND: 'url',
  HOST_NOT_FOUND: 'url',
  INVALID_REF: 'ref',
  REF_NOT_FOUND: 'ref',
  REPOSITORY_AUTH_REQUIRED: 'accessToken',
};

/** Schemes a repository URL may have here; the server has the last word (and refuses private hosts). */
const URL_PATTERN = /^(https?:\/\/|ssh:\/\/|git@|file:\/\/)\S+$/i;

/**
 * What can be said before asking the server: a missing or malformed URL, a ref git would refuse.
 * Checked on submit and, once shown, as the person corrects it.
 */
function checkFields(url: string, ref: string): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  const trimmed = url.trim();
  if (trimmed === '') errors.url = 'Paste the URL of a Git repository.';
  else if (!URL_PATTERN.test(trimmed)) errors.url = 'That does not look like a repository URL: it should start with https://, for example https://github.com/owner/project.';
  if (ref.trim() !== '') {
    const parsed = RefSchema.safeParse(ref);
    if (!parsed.success) errors.ref = 'That is not a valid branch, tag or commit name.';
  }
  return errors;
}

export interface RepositoryFormProps {
  readonly onStarted: (started: CreateRepositoryResponse) => void;
}

export function RepositoryForm({ onStarted }: RepositoryFormProps) {
  const [url, setUrl] = useState('');
  const [ref, setRef] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const [rememberToken, setRememberToken] = useState(false);
  const [allowPartial, setAllowPartial] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [checked, setChecked] = useState(false);

  const tokenTyped = canRememberToken(accessToken);
  const localErrors = checked ? checkFields(url, ref) : {};
  const errorField = error === null ? undefined : FIELD_OF_ERROR[error.code];
  const fieldError = (field: Field): string | null => localErrors[field] ?? (error !== null && errorField === field ? error.message : null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(checkFields(url, ref)).length > 0) {
      setError(null);
      return;
    }
    setSubmitting(true);
    setError(null);
    const body = createRepositoryBody({ url, ref, accessToken, rememberToken, allowPartial });
    try {
      const started = await createRepository(body);
      // The token served the clone request (and was kept by the server if asked); the page lets go of it.
      setAccessToken('');
      setRememberToken(false);
      onStarted(started);
    } catch (caught) {
      setError(toAppError(caught));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form className="panel repository-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="form-title">
      <h2 id="form-title">Analyse a repository</h2>
      <p className="muted">Paste a Git URL. RepoLens clones it, maps its structure and code, builds a search index, then answers questions with citations.</p>
      <div className="field">
        <label htmlFor="repository-url">Repository URL</label>
        <input
          id="repository-url"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://github.com/owner/project"
          required
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          aria-invalid={fieldError('url') !== null}
          aria-describedby={fieldError('url') !== null ? 'repository-url-error' : undefined}
        />
        <FieldError id="repository-url-error" message={fieldError('url')} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="repository-ref">
            Branch, tag or commit <span className="muted">(optional)</span>
          </label>
          <input
            id="repository-ref"
            name="ref"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="default branch"
            value={ref}
            onChange={(event) => setRef(event.target.value)}
            aria-invalid={fieldError('ref') !== null}
            aria-describedby={fieldError('ref') !== null ? 'repository-ref-error' : undefined}
          />
          <FieldError id="repository-ref-error" message={fieldError('ref')} />
        </div>
        <div className="field">
          <label htmlFor="repository-token">
            Access token <span className="muted">(optional)</span>
          </label>
          <input
            id="repository-token"
            name="accessToken"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={accessToken}
            onChange={(event) => setAccessToken(event.target.value)}
            aria-invalid={fieldError('accessToken') !== null}
            aria-describedby={`repository-token-hint${fieldError('accessToken') !== null ? ' repository-token-error' : ''}`}
          />
          <p id="repository-token-hint" className="hint">
            For private repositories. Used to clone; held encrypted until the analysis ends unless you keep it below. Never shown again.
          </p>
          <FieldError id="repository-token-error" message={fieldError('accessToken')} />
        </div>
      </div>
      <div className="field field-checkbox field-checkbox--hinted">
        <input
          id="repository-remember-token"
          name="rememberToken"
          type="checkbox"
          checked={rememberToken && tokenTyped}
          disabled={!tokenTyped}
          onChange={(event) => setRememberToken(event.target.checked)}
          aria-describedby="repository-remember-token-hint"
        />
        <label htmlFor="repository-remember-token">Keep this token for automatic re-analysis (webhooks, schedules)</label>
        <p id="repository-remember-token-hint" className="hint">
          {tokenTyped
            ? 'Stored encrypted on this server so later re-analyses can clone without asking you. You can forget it from the repository page.'
            : 'Type an access token above to keep it.'}
        </p>
      </div>
      <div className="field field-checkbox">
        <input
          id="repository-partial"
          name="allowPartial"
          type="checkbox"
          checked={allowPartial}
          onChange={(event) => setAllowPartial(event.target.checked)}
        />
        <label htmlFor="repository-partial">If the repository is over this server's limits, analyse what fits and say what was left out</label>
      </div>
      {error !== null && errorField === undefined ? (
        <p className="form-error" role="alert">
          {error.message} <code>{error.code}</code>
        </p>
      ) : null}
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? 'Starting…' : 'Analyse'}
      </button>
    </form>
  );
}
