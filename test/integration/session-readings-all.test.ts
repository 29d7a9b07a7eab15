// A connector's meter values paged back with `beforeId` (what the live session chart reads the whole
// session by): every stored value once, newest first, a reading cut by a page's limit going on in the
// next one; over the automation API too, and a bad cursor is a 400 naming it.
import { describe, expect, it } from 'vitest';
import { BenchService } from '../../src/main/core/bench-service';
import type { MeterValue } from '../../src/shared/ocpp16';
import type { MeterValueView } from '../../src/shared/api/views';
import { useTestBench } from '../helpers/bench';

const tb = useTestBench();

/** A reading of three values (energy, power, current) at second `i` of the session. */
const reading = (i: number): MeterValue => ({
  timestamp: new Date(Date.UTC(2026, 2, 1, 10, 0, i)).toISOString(),
  sampledValue: [{ value: String(1000 + i) }, { value: '7200', measurand: 'Power.Active.Import', unit: 'W' }, { value: '16', measurand: 'Current.Import', unit: 'A' }],
});

describe('chargers:meterValues paged back by beforeId', () => {
  it('gives every value of the connector once, newest first, across pages that cut readings', async () => {
    const service = new BenchService(tb.bench, 'desktop');
    await service.call('chargers:register', { id: 'CP-PAGES' });
    // 1,000 readings of the session (3,000 values), with another connector's between them.
    for (let i = 0; i < 1000; i++) {
      tb.bench.record.meterValues.add('CP-PAGES', 1, null, [reading(i)], new Date().toISOString());
      if (i % 100 === 0) tb.bench.record.meterValues.add('CP-PAGES', 2, null, [reading(i)], new Date().toISOString());
    }
    await tb.bench.record.settled();
    const all = await service.call('chargers:meterValues', { chargerId: 'CP-PAGES', connectorId: 1, limit: 100_000 });
    expect(all).toHaveLength(3000);

    // Pages of 1,000 values: each ends part way into a reading (3 values each).
    const paged: MeterValueView[] = [];
    let beforeId: number | undefined;
    for (let page = 0; page < 10; page++) {
      const got = await service.call('chargers:meterValues', { chargerId: 'CP-PAGES', connectorId: 1, limit: 1000, ...(beforeId === undefined ? {} : { beforeId }) });
      paged.push(...got);
      if (got.length < 1000) break;
      beforeId = got[got.length - 1].id;
    }
    expect(paged.map((v) => v.id)).toEqual(all.map((v) => v.id));
    expect(paged).toEqual(all);
    // The first reading of the session is there, all its values.
    expect(paged.filter((v) => v.timestamp === reading(0).timestamp).map((v) => v.value)).toEqual(['16', '7200', '1000']);
    // A cursor inside a reading gives that reading's values before it, then the older ones.
    const mid = all[1].id;
    expect((await service.call('chargers:meterValues', { chargerId: 'CP-PAGES', connectorId: 1, limit: 4, beforeId: mid })).map((v) => v.id)).toEqual(all.slice(2, 6).map((v) => v.id));
  });

  it('takes the cursor over the automation API, and a bad one is a 400 naming it', async () => {
    const newest = (await tb.request('GET', '/api/chargers/CP-PAGES/meter-values?connectorId=1&limit=2')).body as MeterValueView[];
    expect(newest).toHaveLength(2);
    const next = await tb.request('GET', `/api/chargers/CP-PAGES/meter-values?connectorId=1&limit=2&beforeId=${newest[1].id}`);
    expect(next.status).toBe(200);
    expect((next.body as MeterValueView[]).every((v) => v.id < newest[1].id)).toBe(true);
    expect((next.body as MeterValueView[])[0].id).toBe(newest[1].id - 1);
    const bad = await tb.request('GET', '/api/chargers/CP-PAGES/meter-values?beforeId=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/beforeId/);
  });
});
