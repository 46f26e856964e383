import os from 'node:os';
import { STAGE_NAMES, type StageName } from '@repolens/contracts';
import { z } from 'zod';

/** Characters Redis accepts in a connection name (BullMQ names each worker's connection after it) and a log reader can grep. */
const WORKER_NAME_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

export const WorkerNameSchema = z.string().regex(WORKER_NAME_PATTERN, 'use 1 to 100 characters among letters, digits and . _ : -');

/** A comma-separated list of stage names, returned in pipeline order without repeats. */
export const WorkerStagesSchema = z.string().transform((value, ctx): StageName[] => {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(STAGE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown stage ${unknown.map((name) => `"${name}"`).join(', ')}; the stages are ${STAGE_NAMES.join(', ')}`,
    });
    return z.NEVER;
  }
  if (names.length === 0) {
    ctx.addIssue({ code: 'custom', message: `name at least one of ${STAGE_NAMES.join(', ')}` });
    return z.NEVER;
  }
  return STAGE_NAMES.filter((stage) => names.includes(stage));
});

/**
 * `<hostname>:<pid>`, which tells apart the processes of one machine and the containers of a deployment
 * (each has its own hostname). Characters a name may not carry become `-`.
 */
export function defaultWorkerName(hostname = os.hostname(), pid = process.pid): string {
  const suffix = `:${pid}`;
  const host = hostname.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 100 - suffix.length);
  return `${host === '' ? 'worker' : host}${suffix}`;
}
