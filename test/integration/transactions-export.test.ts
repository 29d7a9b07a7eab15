// The transactions CSV through serve mode (GET /api/transactions/export): every transaction matching the
// filter, past the newest 10,000 one list holds, newest first, with the full idTag, stop reason, times and
// a running session's energy so far; fields quoted as CSV wants; a bad filter is a 400 naming the field.
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();
const download = (query: string, headers: Record<string, string> = { Authorization: `Bearer ${tb.token}` }) =>
  fetch(`http://127.0.0.1:${tb.apiPort}/api/transactions/export${query ? `?${query}` : ''}`, { headers });
/** The CSV's lines without the byte order mark and the last line break. */
const linesOf = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n$/, '')
    .split('\r\n');

/** The most one transactions:list gives (the Transactions screen asks for that many). */
const LIST_LIMIT = 10_000;
const OLD = LIST_LIMIT + 40;
/** A CSV line's fields, unquoted. */
const fieldsOf = (line: string): string[] => parse(line)[0];
let live: number;
/** When the running session's newest energy reading was taken (ms). */
let readAt: number;

beforeAll(async () => {
  // Older sessions than one list holds, straight into the record: OLD of them, finished.
  const record = tb.bench.record;
  for (let i = 0; i < OLD; i++) {
    const tx = record.transactions.start(
      { chargerId: 'CP-OLD', connectorId: 1, idTag: `TAG-${i}`, authStatus: 'Accepted', reservationId: null, meterStart: 0, startTime: '2026-01-01T08:00:00.000Z' },
      '2026-01-01T08:00:00.000Z',
    );
    record.transactions.stop(tx, 100 + i, '2026-01-01T09:00:00.000Z', i === 0 ? 'EVDisconnected' : 'Local', null);
  }
  // One running on a charger, with a meter value on the way: its energy so far.
  const cp = await strictCharger(tb.wsUrl(), 'CP-LIVE');
  await cp.connect();
  await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
  const started = await cp.client.call('StartTransaction', { connectorId: 2, idTag: '=CARD,"1"', meterStart: 5000, timestamp: new Date().toISOString() });
  live = started.transactionId;
  await cp.client.call('MeterValues', {
    connectorId: 2,
    transactionId: live,
    meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '5750', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
  });
  // A later reading that names no transaction (OCPP 1.6 lets a charger leave it out): the screens count it, so does the export.
  await cp.client.call('MeterValues', {
    connectorId: 2,
    meterValue: [
      { timestamp: new Date((readAt = Math.floor(Date.now() / 1000) * 1000 + 1000)).toISOString(), sampledValue: [{ value: '5900', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] },
    ],
  });
  await cp.client.close();
  await waitFor(async () => ((await tb.request('POST', '/api/call/transactions:list', { chargerId: 'CP-LIVE' })).body as unknown[]).length === 1);
  await record.settled();
}, 60_000);

describe('the transactions CSV', () => {
  it('has every transaction, not only the newest one list holds, newest first, as a download', async () => {
    const res = await download('');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="chargebench-transactions-all-\d{8}-\d{6}Z\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    // A byte order mark, so a spreadsheet reads idTags in any script as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const [header, ...rows] = linesOf(text);
    expect(header).toBe('ID,Charger,Connector,idTag,Started,Stopped,Energy (Wh),Meter start (Wh),Meter stop (Wh),Stop reason,Stopped by idTag,Authorization,Reservation,State,Warning,Energy read at');
    expect(rows).toHaveLength(OLD + 1);
    // One list could not have given them all.
    expect((await tb.request('POST', '/api/call/transactions:list', { limit: LIST_LIMIT + 1 })).status).toBe(400);
    const ids = rows.map((r) => Number(r.split(',')[0]));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // The oldest, past the list's limit, whole: its full idTag, stop reason, times and meter readings.
    expect(rows.at(-1)).toBe(`${ids.at(-1)},CP-OLD,1,TAG-0,2026-01-01T08:00:00.000Z,2026-01-01T09:00:00.000Z,100,0,100,EVDisconnected,,Accepted,,Finished,,`);
  });

  it('gives a running session its energy so far, said as the last known with its time of reading while its charger is offline (as the screen says it), and quotes an idTag a spreadsheet would run as a formula', async () => {
    const [, ...rows] = linesOf(await (await download('chargerId=CP-LIVE&active=true')).text());
    expect(rows).toHaveLength(1);
    const fields = fieldsOf(rows[0]);
    expect(fields.slice(0, 4)).toEqual([String(live), 'CP-LIVE', '2', `'=CARD,"1"`]);
    expect(Date.parse(fields[4])).toBeGreaterThan(Date.now() - 60_000);
    expect(fields.slice(5, 7)).toEqual(['', '900']);
    expect(fields.slice(7, 14)).toEqual(['5000', '', '', '', 'Accepted', '', 'Last known']);
    // CP-LIVE closed its connection: the screen says "Last known", so does the CSV, with why and when its energy was read.
    expect(fields[14]).toContain('CP-LIVE is offline');
    expect(fields[14]).toContain(`energy at its last reading, taken at ${new Date(readAt).toISOString()}`);
    // Energy read at: the last column, added after the others so that a consumer reading by position finds them where they were.
    expect(fields).toHaveLength(16);
    expect(Date.parse(fields[15])).toBe(readAt);
  });

  it('keeps to the filter: one charger, finished or running', async () => {
    expect(linesOf(await (await download('chargerId=CP-OLD&active=false')).text())).toHaveLength(1 + OLD);
    expect(linesOf(await (await download('active=true')).text())).toHaveLength(1 + 1);
    expect(linesOf(await (await download('chargerId=NOBODY')).text())).toEqual([expect.stringMatching(/^ID,Charger,/)]);
    const named = await download('chargerId=CP-LIVE&active=false');
    expect(named.headers.get('content-disposition')).toMatch(/filename="chargebench-transactions-CP-LIVE-finished-/);
  });

  it('answers 400 naming the field for a bad filter, and 401 without the token; a download link may carry it as ?token=', async () => {
    expect(await download('active=yes').then(async (r) => [r.status, await r.json()])).toEqual([400, expect.objectContaining({ field: 'active' })]);
    expect(await download('chargerId=').then(async (r) => [r.status, await r.json()])).toEqual([400, expect.objectContaining({ field: 'chargerId' })]);
    expect((await download('', {})).status).toBe(401);
    const viaLink = await download(`active=true&token=${tb.token}`, {});
    expect(viaLink.status).toBe(200);
    expect(linesOf(await viaLink.text())).toHaveLength(2);
  });
});
