// A StopTransaction for a transaction the bench never started is named beside the sessions the record held
// open on its charger when it came, not those it holds open now: the bench records them with its warning.
// With two open then, closing one in the record (or its own StopTransaction coming) later must not leave the
// stray stop pinned on the other, in the Transactions CSV nor in the events the screens read back.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { strictCharger, useTestBench } from '../helpers/bench';
import { unknownStopDuring, unknownStopNote, unknownStopOfEvent, type UnknownStop } from '../../src/shared/api/stray-stop';
import type { TransactionRecord } from '../../src/shared/records';

const tb = useTestBench();
const now = () => new Date().toISOString();

/** Two sessions open on `id` (connectors 1 and 2), then a stop for a transaction the bench never started. */
async function twoOpenThenAStrayStop(id: string) {
  const cp = await strictCharger(tb.wsUrl(), id);
  await cp.connect();
  const start = async (connectorId: number, idTag: string) =>
    ((await cp.client.call('StartTransaction', { connectorId, idTag, meterStart: 100, timestamp: now() })) as { transactionId: number }).transactionId;
  const first = await start(1, 'TAG-A');
  const second = await start(2, 'TAG-B');
  await new Promise((r) => setTimeout(r, 5));
  await cp.client.call('StopTransaction', { transactionId: 987_654, meterStop: 500, timestamp: now() });
  await tb.bench.record.settled();
  return { cp, first, second };
}

/** The Warning the CSV gives each open session of `chargerId`, by id. */
async function exportedWarnings(chargerId: string): Promise<Map<number, string>> {
  const res = await fetch(`http://127.0.0.1:${tb.apiPort}/api/transactions/export?chargerId=${chargerId}&active=true`, { headers: { Authorization: `Bearer ${tb.token}` } });
  expect(res.status).toBe(200);
  const [header, ...rows] = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
  const [id, warning] = [header!.indexOf('ID'), header!.indexOf('Warning')];
  return new Map(rows.map((r) => [Number(r[id]), r[warning]!]));
}

/** The stray stops of `chargerId` as the screens read them back from the record (chargerEvents:list). */
async function readBack(chargerId: string): Promise<UnknownStop[]> {
  const events = (await tb.request('GET', `/api/charger-events?chargerId=${chargerId}&action=StopTransaction&warning=true`)).body as Parameters<typeof unknownStopOfEvent>[0][];
  return events.flatMap((e) => unknownStopOfEvent(e) ?? []);
}

async function session(id: number): Promise<TransactionRecord> {
  return (await tb.request('GET', `/api/transactions/${id}?meterValues=false`)).body as TransactionRecord;
}

describe('a stray StopTransaction that came while two sessions were open', () => {
  it('still names both once one is closed in the record: in the CSV and in the events read back', async () => {
    const { cp, first, second } = await twoOpenThenAStrayStop('OPEN-THEN-1');
    expect(await tb.request('POST', `/api/transactions/${second}/close`)).toMatchObject({ status: 200, body: { transactionId: second, active: false } });
    await tb.bench.record.settled();

    const warnings = await exportedWarnings('OPEN-THEN-1');
    expect([...warnings.keys()]).toEqual([first]);
    expect(warnings.get(first)).toContain(`while sessions #${first} and #${second} were open there: not applied to either; which one the charger meant is not known.`);
    expect(warnings.get(first)).not.toContain("while the bench's session #");

    const stops = await readBack('OPEN-THEN-1');
    expect(stops).toEqual([expect.objectContaining({ transactionId: 987_654, openThen: [first, second] })]);
    // The screens' rule, with only the first held open now, as the card, row and page apply it.
    const tx = await session(first);
    const found = unknownStopDuring(tx, stops, [tx]);
    expect(found?.openThen).toEqual([first, second]);
    expect(unknownStopNote(found!, tx)).toContain(`while sessions #${first} and #${second} were open there`);
    await cp.client.close({ force: true });
  });

  it('still names both once the other one’s own StopTransaction came', async () => {
    const { cp, first, second } = await twoOpenThenAStrayStop('OPEN-THEN-2');
    await cp.client.call('StopTransaction', { transactionId: second, meterStop: 400, timestamp: now() });
    await tb.bench.record.settled();

    const warnings = await exportedWarnings('OPEN-THEN-2');
    expect(warnings.get(first)).toContain(`while sessions #${first} and #${second} were open there`);
    const stops = await readBack('OPEN-THEN-2');
    const tx = await session(first);
    expect(unknownStopDuring(tx, stops, [tx])?.openThen).toEqual([first, second]);
    await cp.client.close({ force: true });
  });

  it('with one session open then, still names it alone', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'OPEN-THEN-3');
    await cp.connect();
    const { transactionId } = (await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'TAG-C', meterStart: 0, timestamp: now() })) as { transactionId: number };
    await cp.client.call('StopTransaction', { transactionId: 876_543, meterStop: 500, timestamp: now() });
    await tb.bench.record.settled();

    expect(await readBack('OPEN-THEN-3')).toEqual([expect.objectContaining({ openThen: [transactionId] })]);
    expect((await exportedWarnings('OPEN-THEN-3')).get(transactionId)).toContain(`while the bench's session #${transactionId} was open there: not applied to #${transactionId}`);
    await cp.client.close({ force: true });
  });
});
