// An operation queued behind an unanswered call when the connection drops was never sent: its outcome names
// the call it waited behind (action, when it was sent, its record), so it is not told as "not connected".
import { describe, expect, it } from 'vitest';
import type { OperationProgressView } from '../../src/shared/api/views';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();

describe('an operation cut off by a dropped connection while queued', () => {
  it('names the call it waited behind; one sent to a charger not connected names none', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-CUTOFF');
    cp.client.handle('Reset', () => new Promise(() => {}));
    await cp.connect();
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-CUTOFF'));
    const progress: OperationProgressView[] = [];
    const off = tb.bench.bus.subscribe((e) => {
      if (e.type === 'operationChanged' && e.operation.chargerId === 'CP-CUTOFF') progress.push(e.operation);
    });
    const reset = tb.bench.operations.operate('CP-CUTOFF', 'Reset', { type: 'Soft' }, { ref: 'reset' });
    const sent = await waitFor(() => progress.find((p) => p.ref === 'reset' && p.state === 'sent'));
    const availability = tb.request('POST', '/api/chargers/CP-CUTOFF/operations/ChangeAvailability', { connectorId: 0, type: 'Inoperative' });
    await waitFor(() => progress.find((p) => p.action === 'ChangeAvailability' && p.state === 'queued'));
    await cp.client.close({ force: true });

    expect(await reset).toMatchObject({ outcome: 'offline', sent: true });
    const cut = await availability;
    expect(cut.status).toBe(409);
    expect(cut.body).toMatchObject({
      outcome: 'offline',
      queuedBehind: { action: 'Reset', sentAt: sent.sentAt, operationId: sent.operationId },
      error: { description: expect.stringContaining('CP-CUTOFF disconnected') },
    });
    expect(cut.body).not.toHaveProperty('sent');
    expect(cut.body).not.toHaveProperty('operationId');

    // Offline from the start: nothing was waited behind.
    await waitFor(() => !tb.bench.centralSystem.isConnected('CP-CUTOFF'));
    const later = await tb.bench.operations.operate('CP-CUTOFF', 'ChangeAvailability', { connectorId: 0, type: 'Inoperative' });
    expect(later).toMatchObject({ outcome: 'offline' });
    expect(later).not.toHaveProperty('queuedBehind');
    off();
  });
});
