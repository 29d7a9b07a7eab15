// What the conformance tests through the API share: closing what a test opened, and waiting for a run to end.
import { afterEach } from 'vitest';
import { waitFor, type TestBench } from './bench';
import type { RunResult } from '../../src/shared/api/test-runs';

/** What a test opened (a charger's connection, mostly), closed after each test, the last opened first: tests push onto it. */
export function useCleanup(): Array<() => unknown> {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  return cleanup;
}

/** The run `runId` as the API gives it, once it no longer runs. */
export function endedRun(tb: TestBench, runId: string, timeoutMs = 30_000): Promise<RunResult> {
  return waitFor(async () => {
    const r = await tb.request('GET', `/api/test-runs/${runId}`);
    return r.status === 200 && r.body.state !== 'running' ? (r.body as RunResult) : null;
  }, timeoutMs);
}
