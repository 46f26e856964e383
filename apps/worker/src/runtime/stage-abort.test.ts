import { setImmediate } from 'node:timers/promises';
import { AppError } from '@repolens/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { StageAbort, untilAborted } from './stage-abort.js';

describe('untilAborted', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown): void => {
    unhandled.push(reason);
  };
  afterEach(() => {
    process.off('unhandledRejection', record);
    unhandled.length = 0;
  });

  it('rejects with the reason at once when the stage was aborted before it began, leaving no rejection unhandled', async () => {
    process.on('unhandledRejection', record);
    const abort = new StageAbort('metadata', 60_000, AbortSignal.abort('cancelled'));
    // The stage notices the abort too and fails; nobody waits for it any more.
    const work = Promise.reject(new Error('the stage saw the abort'));
    await expect(untilAborted(work, abort.signal)).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
    await setImmediate();
    await setImmediate();
    expect(unhandled).toEqual([]);
    abort.dispose();
  });

  it('settles with the work when it finishes first, and with the timeout when it does not', async () => {
    const quick = new StageAbort('structure', 60_000, undefined);
    await expect(untilAborted(Promise.resolve('done'), quick.signal)).resolves.toBe('done');
    quick.dispose();

    const slow = new StageAbort('embedding', 5, undefined);
    const never = new Promise<string>(() => undefined);
    const outcome = await untilAborted(never, slow.signal).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(AppError);
    // Said in words a person reads on the page: the stage's label and the limit.
    expect(outcome).toMatchObject({ code: 'STAGE_TIMEOUT', message: 'Building the search index took longer than its time limit of 5 ms.' });
    slow.dispose();
  });
});
