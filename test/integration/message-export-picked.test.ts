// Frames picked in the log screen export as the filter export writes them, byte for byte: the same row
// per frame (the payload as the charger wrote it, `1.0` and a key given twice kept, the raw text), oldest
// first, the same brackets. Checked against the real export route of a running bench.
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonExportText } from '../../src/shared/api/message-export';
import type { MessageView } from '../../src/shared/api/views';
import { rawCharger, useTestBench, waitFor } from '../helpers/bench';

describe('the picked frames export', () => {
  const tb = useTestBench();
  const filter = encodeURIComponent(JSON.stringify({ chargerId: 'RAW-PICK' }));

  beforeAll(async () => {
    const cp = await rawCharger(tb.wsUrl('RAW-PICK'));
    cp.send('[2,"b1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}]');
    await cp.reply('b1');
    cp.send('[2,"s1","StatusNotification",{"connectorId":1.0,"errorCode":"NoError","status":"Available","status":"Charging"}]');
    await cp.reply('s1');
    cp.send('[2,"x1"');
    await waitFor(async () => ((await tb.request('POST', '/api/call/messages:count', { filter: { chargerId: 'RAW-PICK' } })).body.count as number) >= 5 || null);
    cp.close();
  });

  it('is the JSON export of the same frames, byte for byte', async () => {
    const res = await fetch(`http://127.0.0.1:${tb.apiPort}/api/messages/export?format=json&filter=${filter}`, { headers: { Authorization: `Bearer ${tb.token}` } });
    const exported = await res.text();
    const page = (await tb.request('POST', '/api/call/messages:page', { chargerId: 'RAW-PICK', limit: 100 })).body as MessageView[];
    expect(page.length).toBeGreaterThanOrEqual(5);
    expect(jsonExportText(page)).toBe(exported);
    expect(exported).toContain('"payload":{"connectorId":1.0,"errorCode":"NoError","status":"Available","status":"Charging"}');
    expect(jsonExportText([])).toBe(
      await (
        await fetch(`http://127.0.0.1:${tb.apiPort}/api/messages/export?format=json&filter=${encodeURIComponent('{"chargerId":"nobody"}')}`, { headers: { Authorization: `Bearer ${tb.token}` } })
      ).text(),
    );
  });
});
