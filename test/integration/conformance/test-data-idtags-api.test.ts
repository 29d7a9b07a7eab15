// A run's test data naming one card for two idTag roles is a 400 naming the field at fault and the card,
// before anything runs (the bench would answer the "valid" card Invalid and the charger get a false Fail),
// whether both roles are given or one is given the card another has by default; a parent idTag that is a
// valid card is taken.
import { describe, expect, it } from 'vitest';
import { useTestBench } from '../../helpers/bench';

const tb = useTestBench();

describe('POST /api/test-runs with one card for two idTag roles', () => {
  it('answers 400 naming data.invalidIdTag, validIdTag and the card; no run is made', async () => {
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'TAGS-VCP', connectors: 1 })).status).toBe(201);
    const r = await tb.request('POST', '/api/test-runs', { chargerId: 'TAGS-VCP', cases: ['TC_003_CS'], data: { validIdTag: 'SAME', invalidIdTag: 'SAME' } });
    expect(r).toMatchObject({ status: 400, body: { field: 'data.invalidIdTag', error: 'Invalid body field "data.invalidIdTag": must differ from validIdTag (SAME is used for both)' } });

    // Given against the card another role has by default: refused as the run fills in the defaults.
    const byDefault = await tb.request('POST', '/api/test-runs', { chargerId: 'TAGS-VCP', cases: ['TC_003_CS'], data: { expiredIdTag: 'OCTT-VALID' } });
    expect(byDefault).toMatchObject({ status: 400, body: { field: 'data.expiredIdTag', error: 'Test data: expiredIdTag: must differ from validIdTag (OCTT-VALID is used for both)' } });
    expect((await tb.request('GET', '/api/test-runs?chargerId=TAGS-VCP')).body).toEqual([]);
  });
});
