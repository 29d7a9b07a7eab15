// A StatusNotification for connector -1: the official JSON schema only says "integer", but the OCPP 1.6
// field table says connectorId >= 0 (0 being the charger itself). The bench answers a
// PropertyConstraintViolation naming the field, records no connector -1, and the API lists none; a huge
// id (the charger's own report) is recorded as sent.
import { describe, expect, it } from 'vitest';
import { rawCharger, useTestBench } from '../helpers/bench';

const tb = useTestBench();

const status = (id: string, connectorId: number) => [2, id, 'StatusNotification', { connectorId, status: 'Available', errorCode: 'NoError' }];

describe('StatusNotification connector ids', () => {
  it('refuses connectorId -1 with a PropertyConstraintViolation and lists no such connector', async () => {
    const raw = await rawCharger(tb.wsUrl('RAW6'));
    raw.send([2, 'boot', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }]);
    expect((await raw.reply('boot'))[0]).toBe(3);
    raw.send(status('neg', -1));
    expect(await raw.reply('neg')).toEqual([4, 'neg', 'PropertyConstraintViolation', expect.stringContaining('connectorId: -1 is not a connector'), expect.anything()]);
    raw.send(status('one', 1));
    expect(await raw.reply('one')).toEqual([3, 'one', {}]);
    raw.send(status('huge', 30_000_000));
    expect(await raw.reply('huge')).toEqual([3, 'huge', {}]);

    const chargers = (await tb.request('GET', '/api/chargers')).body as Array<{ id: string; connectors: Array<{ connectorId: number }> }>;
    const ids = chargers.find((c) => c.id === 'RAW6')?.connectors.map((c) => c.connectorId);
    expect(ids).toEqual(expect.arrayContaining([1, 30_000_000]));
    expect(ids).not.toContain(-1);
    raw.ws.close();
  });
});
