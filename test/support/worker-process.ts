import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { repoRoot } from './test-config.js';

/** A worker started as its own process, as deployed: configured by environment variables only. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Where its /health, /ready and /metrics answer. */
  readonly baseUrl: string;
}

const started: ChildProcess[] = [];

/** Starts the worker's entry point from the sources; it may be killed at any moment (the point of some tests). */
export function spawnWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(repoRoot, 'apps/worker/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  return child;
}

/** Starts a worker process and waits until its /ready answers ready; a worker that exits first fails with what it wrote. */
export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<WorkerProcess> {
  const port = await freePort();
  const child = spawnWorker({ ...env, WORKER_METRICS_PORT: String(port) });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`${baseUrl}/ready`).then((response) => response.ok, () => false);
    if (ready) return { child, baseUrl };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the worker was not ready in ${timeoutMs} ms: ${stderr}`);
}

/** Kills (SIGKILL) every worker process the test file started that is still running. */
export function killWorkerProcesses(): void {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A port nothing listens on now, for a process that must be told its port in advance. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port was given');
  return address.port;
}
