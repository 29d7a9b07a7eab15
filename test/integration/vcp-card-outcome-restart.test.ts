// A built-in virtual charger's connector panel says what became of the card presented before the bench
// restarted: the card outcome is kept with the charger's state in the record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBench, waitFor, type TestBench } from '../helpers/bench';

const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-vcp-card-'));
let tb: TestBench | undefined;

afterAll(async () => {
  await tb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a virtual charger's card outcome across a restart of the bench", () => {
  it("is still in the charger's view after the bench stopped and started on the same data dir", async () => {
    tb = await startTestBench({ dataDir });
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'VCP-CARD', connectors: 2 })).status).toBe(201);
    await waitFor(async () => (await tb!.request('GET', '/api/chargers/VCP-CARD')).body?.registrationStatus === 'Accepted');
    expect((await tb.request('POST', '/api/virtual-chargers/VCP-CARD/actions/plug', { connectorId: 2 })).status).toBe(200);
    const presented = await tb.request('POST', '/api/virtual-chargers/VCP-CARD/actions/present-id-tag', { connectorId: 2, idTag: 'CARD-KEPT' });
    expect(presented.body.result).toMatchObject({ accepted: true, confirmed: true });
    const before = (await tb.request('GET', '/api/virtual-chargers/VCP-CARD')).body.connectors[1].cardOutcome;
    expect(before).toMatchObject({ idTag: 'CARD-KEPT', confirmed: true, transactionId: presented.body.result.transactionId, message: presented.body.result.message });
    await tb.stop();
    tb = undefined;

    tb = await startTestBench({ dataDir });
    const after = (await tb.request('GET', '/api/virtual-chargers/VCP-CARD')).body;
    expect(after.connectors[1].cardOutcome).toEqual(before);
    expect(after.connectors[0].cardOutcome).toBeNull();
  });
});
