import { describe, expect, it } from 'vitest';
import { checkCronSchedule } from './cron-schedule.js';

const now = new Date('2026-03-10T12:00:00Z');

describe('checking a cron schedule', () => {
  it('returns when it fires next, in its time zone', () => {
    expect(checkCronSchedule('0 3 * * *', null, { minIntervalSeconds: 300, now }).toISOString()).toBe('2026-03-11T03:00:00.000Z');
    // 03:00 in New York on 11 March 2026 (daylight saving time began on the 8th) is 07:00 UTC.
    expect(checkCronSchedule('0 3 * * *', 'America/New_York', { minIntervalSeconds: 300, now }).toISOString()).toBe('2026-03-11T07:00:00.000Z');
  });

  it('refuses expressions that fire more often than allowed, even once in a while', () => {
    expect(() => checkCronSchedule('*/2 * * * *', null, { minIntervalSeconds: 300, now })).toThrow(/every 120 s.*every 300 s/);
    expect(() => checkCronSchedule('0,1 3 * * *', null, { minIntervalSeconds: 300, now })).toThrow(/every 60 s/);
    expect(checkCronSchedule('*/5 * * * *', null, { minIntervalSeconds: 300, now })).toBeInstanceOf(Date);
  });

  it('names what is wrong with an invalid expression or time zone', () => {
    expect(() => checkCronSchedule('61 * * * *', null, { minIntervalSeconds: 60, now })).toThrow(
      expect.objectContaining({ code: 'INVALID_SCHEDULE', message: expect.stringContaining('"61 * * * *" is not a valid cron expression') }),
    );
    expect(() => checkCronSchedule('0 3 * * *', 'Moon/Base', { minIntervalSeconds: 60, now })).toThrow(/"Moon\/Base" is not an IANA time zone/);
  });
});
