// @vitest-environment jsdom
// The checks step opened while a long test session runs, one of many readings of many measurands: the
// chart shows the WHOLE session so far, from its first reading, not only the newest 5,000 stored values
// (read back page by page to the session's start, not further); a session longer than the chart reads
// shows its newest readings and says so.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { useBench } from '../../src/renderer/src/stores/bench';
import type { MeterChartProps } from '../../src/renderer/src/components/MeterChart';
import type { MeterValueView } from '../../src/shared/api/views';
import { HISTORY_MAX } from '../../src/renderer/src/features/commissioning/session-readings';
import { fakeClient } from './fake-client';
import { aMeterValue, aTransaction } from './builders';
import { open, view, freshCommissioningScreens } from './commissioning-fixtures';

// The chart as drawn is not read back here: what it is given to draw is.
vi.mock('../../src/renderer/src/components/MeterChart', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  MeterChart: (p: MeterChartProps) => (
    <div
      role="figure"
      aria-label={p.title}
      data-count={p.samples.length}
      data-first={p.samples[0]?.t ?? ''}
      data-last={p.samples[p.samples.length - 1]?.t ?? ''}
      data-tx={JSON.stringify([...new Set(p.samples.map((s) => s.transactionId))])}
    />
  ),
}));

freshCommissioningScreens();

const base = Math.floor(Date.now() / 1000) * 1000;
/** The session started 50 minutes ago. */
const started = base - 50 * 60_000;

/**
 * The bench's record of connector 1, newest first, ids as the bench gives them (a reading's values are its
 * row's id × 1024 + their position): the last run's session (transaction 7), a reading of the connector's
 * own before this session, then `readings` of this one (transaction 41), each of energy, power and current.
 */
function recordOf(readings: number): MeterValueView[] {
  const rows: MeterValueView[] = [];
  let row = 1;
  const add = (t: number, transactionId: number | null, energyWh: number) => {
    const b = { chargerId: 'CP001', connectorId: 1, transactionId, timestamp: new Date(t).toISOString() };
    const values = [{ value: String(energyWh) }, { measurand: 'Power.Active.Import', value: '7000', unit: 'W' }, { measurand: 'Current.Import', value: '16', unit: 'A' }];
    values.forEach((v, i) => rows.push(aMeterValue({ ...b, ...v, id: row * 1024 + i })));
    row++;
  };
  for (let i = 0; i < 20; i++) add(started - 40 * 60_000 + i * 1000, 7, 100 + i);
  add(started - 60_000, null, 150);
  // This session's readings, from one second after its start, about two a second.
  for (let i = 0; i < readings; i++) add(started + 1000 + i * 400, 41, 1000 + i);
  return rows.reverse();
}

/** As the bench answers chargers:meterValues: the connector's values, newest first, below `beforeId`, at most `limit`. */
function answering(record: MeterValueView[]) {
  return (q: { connectorId?: number; limit?: number; beforeId?: number }) =>
    record.filter((v) => (q.connectorId === undefined || v.connectorId === q.connectorId) && (q.beforeId === undefined || v.id < q.beforeId)).slice(0, q.limit ?? 1000);
}

const PATIENCE = 30_000;
const wait = { timeout: PATIENCE };

function chart() {
  const el = screen.getByRole('figure', { name: 'Test session meter values' });
  return {
    count: Number(el.getAttribute('data-count')),
    first: Number(el.getAttribute('data-first')),
    last: Number(el.getAttribute('data-last')),
    tx: JSON.parse(el.getAttribute('data-tx')!) as Array<number | null>,
  };
}

async function openMidSession(record: MeterValueView[]) {
  useBench.setState({ activeTransactions: { 41: aTransaction(41, 'CP001', 1, view().template.testIdTag, { startTime: new Date(started).toISOString() }) } });
  const client = fakeClient({
    'commissioning:get': () =>
      view({
        state: 'running',
        running: { stepId: 'C8_SESSION', step: 'Step 4: Charger sends meter values' },
        lastRun: { outcome: 'running', startedAt: new Date(started - 120_000).toISOString(), finishedAt: null, steps: ['C8_SESSION'], stoppedIn: null },
      }),
    'chargers:meterValues': answering(record),
    'transactions:list': () => [],
  });
  open(client, '/commissioning/c1?step=checks');
  await screen.findByRole('heading', { name: /Test session.*\(live\)/ }, { timeout: PATIENCE });
  return client;
}

describe('the live test session chart of a long session', () => {
  it('shows the whole session from its first reading, read back to its start and no further', { timeout: 60_000 }, async () => {
    // 4,000 readings of three values: 12,000 stored values, more than the 5,000 read before.
    const record = recordOf(4000);
    const client = await openMidSession(record);
    await waitFor(() => expect(chart()).toMatchObject({ count: 4000 }), wait);
    expect(chart().first).toBe(started + 1000);
    expect(chart().last).toBe(started + 1000 + 3999 * 400);
    expect(chart().tx).toEqual([41]);
    // Paged back: each page below the last, and none past the readings from before the session.
    const calls = client.callsOf('chargers:meterValues');
    expect(calls.length).toBeGreaterThan(1);
    for (let i = 1; i < calls.length; i++) expect(calls[i].beforeId).toBeLessThan(calls[i - 1].beforeId ?? Infinity);
    expect(screen.queryByText(/newest .* readings/)).toBeNull();
  });

  it('says it shows only the newest readings when the session holds more than the chart reads', { timeout: 60_000 }, async () => {
    // More readings than HISTORY_MAX stored values hold, by more than a page.
    const readings = Math.ceil(HISTORY_MAX / 3) + 15_000;
    await openMidSession(recordOf(readings));
    const note = await screen.findByText(/The chart shows the session’s newest [\d,.\s]+ readings, from .*: its earlier ones are more than the chart reads/, {}, wait);
    const { count, first } = chart();
    expect(count).toBeLessThan(readings);
    expect(first).toBeGreaterThan(started + 1000);
    expect(note.textContent).toContain(count.toLocaleString());
  });
});
