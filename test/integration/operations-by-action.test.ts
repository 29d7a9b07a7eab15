// The operations of a charger narrowed to some actions: a reservation made before a thousand other
// operations is still found (a panel asks for the actions it shows, not for the newest page), and a bad
// action is a 400 naming the field.
import { describe, expect, it } from 'vitest';
import { BenchService } from '../../src/main/core/bench-service';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();

describe('GET /api/operations?actions=', () => {
  it('lists only the charger’s operations of those actions, newest first, however many others came since', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-BUSY');
    cp.client.handle('ReserveNow', () => ({ status: 'Accepted' }));
    cp.client.handle('CancelReservation', () => ({ status: 'Rejected' }));
    await cp.connect();
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-BUSY'));
    const expiryDate = new Date(Date.now() + 3600_000).toISOString();
    const reserved = await tb.request('POST', '/api/chargers/CP-BUSY/operations/ReserveNow', { connectorId: 1, expiryDate, idTag: 'TAG-1', reservationId: 7 });
    expect(reserved.body).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
    // A busy bench: 1,200 operations of other actions since (and 400 to another charger).
    const ops = tb.bench.record.operations;
    for (let i = 0; i < 1600; i++) {
      const at = new Date().toISOString();
      ops.finished(ops.started(i % 4 ? 'CP-BUSY' : 'CP-OTHER', 'GetConfiguration', {}, at), at, 'completed', { configurationKey: [] }, undefined);
    }
    await tb.request('POST', '/api/chargers/CP-BUSY/operations/CancelReservation', { reservationId: 8 });

    const newest = (await tb.request('GET', '/api/operations?chargerId=CP-BUSY&limit=1000')).body as Array<{ action: string }>;
    expect(newest.some((o) => o.action === 'ReserveNow')).toBe(false);

    const res = await tb.request('GET', '/api/operations?chargerId=CP-BUSY&actions=ReserveNow,CancelReservation&limit=1000');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ chargerId: 'CP-BUSY', action: 'CancelReservation', request: { reservationId: 8 }, response: { status: 'Rejected' } }),
      expect.objectContaining({ chargerId: 'CP-BUSY', action: 'ReserveNow', request: { connectorId: 1, expiryDate, idTag: 'TAG-1', reservationId: 7 }, response: { status: 'Accepted' } }),
    ]);
    // One action; and every charger's when none is named.
    expect(((await tb.request('GET', '/api/operations?chargerId=CP-BUSY&actions=ReserveNow')).body as unknown[]).length).toBe(1);
    const all = (await tb.request('GET', '/api/operations?actions=GetConfiguration&limit=2000')).body as Array<{ chargerId: string }>;
    expect(all).toHaveLength(1600);
    expect(new Set(all.map((o) => o.chargerId))).toEqual(new Set(['CP-BUSY', 'CP-OTHER']));
    // The same call over the contract (the desktop app's IPC).
    expect(await new BenchService(tb.bench, 'desktop').call('operations:list', { chargerId: 'CP-BUSY', actions: ['ReserveNow'] })).toEqual([expect.objectContaining({ action: 'ReserveNow' })]);
    await cp.client.close({ force: true });
  });

  it('refuses an action that is not one the central system sends, or none, naming the field', async () => {
    const heartbeat = await tb.request('GET', '/api/operations?actions=ReserveNow,Heartbeat');
    expect(heartbeat).toMatchObject({ status: 400, body: { field: 'actions.1', error: 'Invalid query field "actions.1": must be a central-system action such as "Reset"' } });
    expect(await tb.request('GET', '/api/operations?actions=Teleport')).toMatchObject({ status: 400, body: { field: 'actions.0' } });
    expect(await tb.request('GET', '/api/operations?actions=')).toMatchObject({ status: 400, body: { field: 'actions' } });
    await expect(new BenchService(tb.bench, 'desktop').call('operations:list', { actions: ['BootNotification'] as never })).rejects.toMatchObject({ status: 400, extra: { field: 'actions.0' } });
  });
});
