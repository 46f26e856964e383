import { AppError } from '@repolens/contracts';
import { CronExpressionParser } from 'cron-parser';

/** Occurrences compared to find the shortest interval (enough to see the gaps of `0,1 * * * *`). */
const OCCURRENCES_CHECKED = 12;

export interface CronCheck {
  readonly minIntervalSeconds: number;
  readonly now?: Date;
}

/**
 * Checks a cron expression with the parser BullMQ's job schedulers use, so what is accepted here is what
 * fires: a known time zone, a parseable expression that fires at all, and no more often than allowed.
 * Returns the next firing time. Throws `INVALID_SCHEDULE` saying what is wrong.
 */
export function checkCronSchedule(cron: string, timezone: string | null, check: CronCheck): Date {
  if (timezone !== null && !isTimeZone(timezone)) {
    throw new AppError('INVALID_SCHEDULE', `"${timezone}" is not an IANA time zone (such as UTC or Europe/Paris).`);
  }
  const occurrences: number[] = [];
  try {
    const expression = CronExpressionParser.parse(cron, { tz: timezone ?? 'UTC', currentDate: check.now ?? new Date(), strict: false });
    for (let i = 0; i < OCCURRENCES_CHECKED && expression.hasNext(); i += 1) occurrences.push(expression.next().getTime());
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AppError('INVALID_SCHEDULE', `"${cron}" is not a valid cron expression: ${reason}.`, { cause });
  }
  const first = occurrences[0];
  if (first === undefined) throw new AppError('INVALID_SCHEDULE', `"${cron}" never fires.`);
  const shortestMs = Math.min(...occurrences.slice(1).map((at, index) => at - (occurrences[index] as number)));
  if (shortestMs < check.minIntervalSeconds * 1000) {
    throw new AppError(
      'INVALID_SCHEDULE',
      `"${cron}" fires every ${shortestMs / 1000} s; this server allows at most one re-analysis every ${check.minIntervalSeconds} s.`,
    );
  }
  return new Date(first);
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
