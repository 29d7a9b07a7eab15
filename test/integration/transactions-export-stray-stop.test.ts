// The transactions CSV judges a session by the screens' rule, stray stops included: a session whose charger
// rebooted after it started and then sent a StopTransaction for a transaction the bench never started is
// "Not confirmed" (its connector need not say Available), and the CSV names that stop and when it came (UTC);
// a stray stop that came before the session started says nothing of it (it stays Active).
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { FakeClock } from '../../src/main/clock';
import { transactionCsvColumns } from '../../src/main/core/exports';
import { strictCharger, useTestBench } from '../helpers/bench';

const clock = new FakeClock('2040-03-01T08:00:00.000Z');
const tb = useTestBench({ clock });
const iso = () => new Date(clock.now()).toISOString();

/** The CSV's rows (no header), each as its fields by column name. */
async function exported(chargerId: string): Promise<Record<(typeof transactionCsvColumns)[number], string>[]> {
  const res = await fetch(`http://127.0.0.1:${tb.apiPort}/api/transactions/export?chargerId=${chargerId}&active=true`, { headers: { Authorization: `Bearer ${tb.token}` } });
  expect(res.status).toBe(200);
  const [header, ...rows] = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
  expect(header).toEqual([...transactionCsvColumns]);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])) as Record<(typeof transactionCsvColumns)[number], string>);
}

async function charger(id: string) {
  const cp = await strictCharger(tb.wsUrl(), id);
  await cp.connect();
  const call = (action: string, payload: unknown) => cp.client.call(action, payload);
  const boot = async () => expect((await call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).status).toBe('Accepted');
  const status = (status: string) => call('StatusNotification', { connectorId: 1, status, errorCode: 'NoError', timestamp: iso() });
  const start = async () => (await call('StartTransaction', { connectorId: 1, idTag: 'TAG', meterStart: 0, timestamp: iso() })).transactionId as number;
  const strayStop = (transactionId: number) => call('StopTransaction', { transactionId, meterStop: 500, timestamp: iso() });
  return { cp, boot, status, start, strayStop };
}

describe('the transactions CSV, for a session a stray StopTransaction came during', () => {
  it('says Not confirmed once its charger rebooted and sent a stop for a transaction the bench never started, naming that stop, though its connector does not say Available', async () => {
    const c = await charger('CP-STRAY');
    await c.boot();
    await clock.advance(1000);
    const tx = await c.start();
    await c.status('Charging');
    await clock.advance(60_000);
    const bootedAt = iso();
    await c.boot();
    await clock.advance(5000);
    const strayAt = iso();
    await c.strayStop(987_654);
    await tb.bench.record.settled();

    const [row] = await exported('CP-STRAY');
    expect(row!.ID).toBe(String(tx));
    // As the Transactions list, the card and the session's page say it.
    expect(row!.State).toBe('Not confirmed');
    expect(row!.Warning).toContain(`CP-STRAY has booted (at ${bootedAt}) since this session started and no StopTransaction with its transactionId came`);
    expect(row!.Warning).toContain(`a StopTransaction for unknown transaction 987654 came at ${strayAt} on this charger after it started`);
    expect(row!.Warning).toContain('connector 1 now reports Charging');
    expect(row!.Warning).not.toContain('yet no StopTransaction came');
    await c.cp.client.close();
    expect(c.cp.violations).toEqual([]);
  });

  it('stays Active when the stray stop came before the session started (it cannot be this session’s)', async () => {
    const c = await charger('CP-EARLY');
    await c.boot();
    await clock.advance(1000);
    await c.strayStop(876_543);
    await clock.advance(1000);
    const tx = await c.start();
    await c.status('Charging');
    await clock.advance(60_000);
    await c.boot();
    await clock.advance(5000);
    await tb.bench.record.settled();

    const [row] = await exported('CP-EARLY');
    expect(row!.ID).toBe(String(tx));
    expect(row!.State).toBe('Active');
    expect(row!.Warning).toBe('');
    await c.cp.client.close();
  });
});
