import type { RunView } from '@repolens/contracts';

export interface JsonResponse<TBody> {
  readonly status: number;
  readonly body: TBody;
}

export async function postJson<TBody = unknown>(url: string, body: unknown): Promise<JsonResponse<TBody>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as TBody };
}

export async function getJson<TBody = unknown>(url: string): Promise<JsonResponse<TBody>> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as TBody };
}

/** Polls a run until `predicate` holds (for state the feed does not carry, such as a worker's bookkeeping). */
export async function waitForRun(baseUrl: string, runId: string, predicate: (run: RunView) => boolean, timeoutMs = 60_000): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  let last: RunView | undefined;
  while (Date.now() < deadline) {
    last = (await getJson<RunView>(`${baseUrl}/api/runs/${runId}`)).body;
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`run ${runId} did not reach the expected state; last seen: ${JSON.stringify(last)}`);
}
