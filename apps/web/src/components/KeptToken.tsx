import { useEffect, useRef, useState } from 'react';
import { toAppError, type AppError } from '@repolens/contracts';
import { forgetKeptToken } from '../api-client.js';

export interface KeptTokenProps {
  readonly repositoryId: string;
  /** Whether the server keeps an access token for the repository's re-syncs (the token itself is never sent). */
  readonly kept: boolean;
  /** Told once the token is deleted, so the page loads the repository again. */
  readonly onForgotten: () => void;
}

type Step = 'shown' | 'confirming' | 'forgetting' | 'forgotten';

/** "Access token kept", with a way to forget it that asks once more before deleting. */
export function KeptToken({ repositoryId, kept, onForgotten }: KeptTokenProps) {
  const [step, setStep] = useState<Step>('shown');
  const [error, setError] = useState<AppError | null>(null);
  const forgetRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const previousStep = useRef<Step>(step);

  // Focus follows the question and its answer, so a keyboard user is never dropped back to the page's start.
  useEffect(() => {
    if (step === 'confirming') confirmRef.current?.focus();
    else if (step === 'forgotten') doneRef.current?.focus();
    else if (step === 'shown' && previousStep.current === 'confirming') forgetRef.current?.focus();
    previousStep.current = step;
  }, [step]);

  const forget = (): void => {
    setStep('forgetting');
    setError(null);
    forgetKeptToken(repositoryId).then(
      () => {
        setStep('forgotten');
        onForgotten();
      },
      (caught: unknown) => {
        setStep('confirming');
        setError(toAppError(caught));
      },
    );
  };

  // The DELETE answered that none is kept: that stands while the repository is loaded again.
  if (step === 'forgotten') {
    return (
      <p className="kept-token kept-token--forgotten" role="status" tabIndex={-1} ref={doneRef}>
        Access token forgotten. Automatic re-analyses of a private repository will need a new one.
      </p>
    );
  }
  if (!kept) return null;

  if (step === 'shown') {
    return (
      <div className="kept-token">
        <span className="kept-token__label">Access token kept</span>
        <span className="kept-token__why">for webhook, scheduled and re-analysis runs</span>
        <button type="button" className="button button--secondary button--danger kept-token__button" ref={forgetRef} onClick={() => setStep('confirming')}>
          Forget token
        </button>
      </div>
    );
  }

  return (
    <div className="kept-token kept-token--confirming" role="group" aria-labelledby="kept-token-question">
      <span id="kept-token-question" className="kept-token__question">
        Forget the kept token? Automatic re-analyses of a private repository will then fail until a token is given again.
      </span>
      <span className="kept-token__actions">
        <button type="button" className="button button--secondary button--danger kept-token__button" ref={confirmRef} disabled={step === 'forgetting'} onClick={forget}>
          {step === 'forgetting' ? 'Forgetting…' : 'Forget it'}
        </button>
        <button type="button" className="button button--secondary kept-token__button" disabled={step === 'forgetting'} onClick={() => setStep('shown')}>
          Keep it
        </button>
      </span>
      {error !== null ? (
        <p className="form-error kept-token__error" role="alert">
          Could not forget the token: {error.message} <code>{error.code}</code>
        </p>
      ) : null}
    </div>
  );
}
