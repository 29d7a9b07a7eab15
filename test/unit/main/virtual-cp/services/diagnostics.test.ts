// Diagnostics with the upload faked: the frames of the time asked for and the charger's state, sent as
// multipart field "file", with the statuses along the way; the ring keeps the newest frames only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWire } from '../../../../helpers/vcp-model';

afterEach(() => vi.unstubAllGlobals());

describe('diagnostics', () => {
  it('uploads the frames within the times asked for with the charger\u2019s state, and says Uploaded', async () => {
    const bodies: FormData[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: URL, init: RequestInit) => (bodies.push(init.body as FormData), new Response('ok'))),
    );
    const w = fakeWire();
    const frame = (raw: string) => ({ direction: 'out' as const, kind: 'CALL' as const, messageId: '1', action: 'Heartbeat', raw, error: null });
    w.cp.diagnostics.record('2026-01-01T00:00:00.000Z', frame('early'));
    w.cp.diagnostics.record('2026-01-01T01:00:00.000Z', frame('late'));
    const name = w.cp.diagnostics.fileName();
    expect(name).toBe('diagnostics-UNIT1-2026-01-01T00-00-00-000Z.txt');
    await w.cp.diagnostics.upload({ location: 'http://files.example/up', startTime: '2026-01-01T00:30:00.000Z' }, name);
    const text = await (bodies[0].get('file') as File).text();
    expect(text).toContain('ChargeBench virtual charge point UNIT1 diagnostics');
    expect(text).toContain('2026-01-01T01:00:00.000Z -> late');
    expect(text).not.toContain('early');
    expect(w.calls.map((c) => c.payload.status)).toEqual(['Uploading', 'Uploaded']);
  });

  it('keeps the newest 2000 frames, and none for a fleet charger', () => {
    const w = fakeWire();
    const quiet = fakeWire({}, { keepDiagnostics: false });
    for (let i = 0; i < 2_005; i++) {
      const rec = { direction: 'in' as const, kind: 'CALL' as const, messageId: String(i), action: 'Reset', raw: `frame ${i}`, error: null };
      w.cp.diagnostics.record('2026-01-01T00:00:00.000Z', rec);
      quiet.cp.diagnostics.record('2026-01-01T00:00:00.000Z', rec);
    }
    const recent = (d: unknown) => (d as { recent: string[] }).recent;
    expect(recent(w.cp.diagnostics)).toHaveLength(2_000);
    expect(recent(w.cp.diagnostics)[0]).toBe('2026-01-01T00:00:00.000Z <- frame 5');
    expect(recent(quiet.cp.diagnostics)).toEqual([]);
  });
});
