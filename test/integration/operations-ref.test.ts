// An operation sent with the caller's name for it (`ref`: a window's name for its send) is found in the
// record by that name: a window whose link to the bench dropped after it asked but before it heard the
// operation was sent reads its outcome back by it (operations:list `ref`, GET /api/operations?ref=), and
// the operationFinished event carries it. One sent without a name has none.
import { describe, expect, it } from 'vitest';
import type { OperationView } from '../../src/shared/api/views';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();

describe('an operation named by its caller', () => {
  it('is found in the record by its name, with its outcome, and its end is announced with it', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-REF');
    cp.client.handle('ClearCache', () => ({ status: 'Accepted' }));
    await cp.connect();
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-REF'));
    const finished: OperationView[] = [];
    const off = tb.bench.bus.subscribe((e) => void (e.type === 'operationFinished' && finished.push(e.operation)));

    const named = await tb.request('POST', '/api/call/chargers:operate', { chargerId: 'CP-REF', action: 'ClearCache', payload: {}, ref: 'ui-window-1' });
    expect(named.body).toMatchObject({ outcome: 'completed' });
    await tb.bench.operations.operate('CP-REF', 'ClearCache', {});
    await tb.bench.record.settled();
    off();

    const byRef = await tb.request('POST', '/api/call/operations:list', { chargerId: 'CP-REF', ref: 'ui-window-1' });
    expect(byRef.status).toBe(200);
    expect(byRef.body).toEqual([
      expect.objectContaining({ id: named.body.operationId, chargerId: 'CP-REF', action: 'ClearCache', outcome: 'completed', response: { status: 'Accepted' }, ref: 'ui-window-1' }),
    ]);
    // The same over REST; a name nobody gave finds nothing.
    expect((await tb.request('GET', '/api/operations?ref=ui-window-1')).body.map((o: OperationView) => o.id)).toEqual([named.body.operationId]);
    expect((await tb.request('GET', '/api/operations?ref=ui-window-2')).body).toEqual([]);

    // The one sent without a name has none, in the record and in its event.
    const all = (await tb.request('GET', '/api/operations?chargerId=CP-REF')).body as OperationView[];
    expect(all).toHaveLength(2);
    expect(all[0]).not.toHaveProperty('ref');
    expect(finished.map((o) => o.ref)).toEqual(['ui-window-1', undefined]);
    await cp.client.close({ force: true });
  });

  it('refuses a name that is not one, naming the field', async () => {
    const r = await tb.request('POST', '/api/call/operations:list', { ref: '' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('ref');
  });
});
