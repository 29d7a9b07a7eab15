// An operation to a charger that is not connected says, with its result, whether the charger had ever
// connected to this bench then: the words "has never connected; check its URL and identity" are judged from
// what was true when it ended, not from the charger's state when the result is read later.
import { describe, expect, it } from 'vitest';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();

describe('an offline operation keeps whether the charger had ever connected', () => {
  it('says neverConnected for one registered ahead, and not once it has connected and dropped', async () => {
    expect((await tb.request('POST', '/api/chargers', { id: 'CP-AHEAD-H4' })).status).toBe(201);
    const before = await tb.request('POST', '/api/chargers/CP-AHEAD-H4/operations/ClearCache', {});
    expect(before.body).toMatchObject({ outcome: 'offline', neverConnected: true });

    const cp = await strictCharger(tb.wsUrl(), 'CP-AHEAD-H4');
    await cp.connect();
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-AHEAD-H4'));
    await cp.client.close({ force: true });
    await waitFor(() => !tb.bench.centralSystem.isConnected('CP-AHEAD-H4'));

    const after = await tb.bench.operations.operate('CP-AHEAD-H4', 'ClearCache', {});
    expect(after).toMatchObject({ outcome: 'offline', neverConnected: false });
  });
});
