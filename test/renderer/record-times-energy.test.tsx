// @vitest-environment jsdom
// The record screens say which zone their times are in (every export is in UTC) and write energy and power
// in the locale their dates are in; a finished session's chart runs from its start to its stop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, inTimeZone, withBench, stubResizeObserver } from './fake-client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { MessageLog } from '../../src/renderer/src/features/log/MessageLog';
import { formatEnergy, formatPower, zoneLabel } from '../../src/renderer/src/components/format';
import { toPoints, withEnds } from '../../src/renderer/src/components/MeterChart';
import { finishedMeterText, sessionEnds } from '../../src/renderer/src/features/transactions/sessionMeter';
import { formatClock, formatDate } from '../../src/shared/format/time';
import type { MeterSample } from '../../src/shared/api/meter';
import type { MessageView } from '../../src/shared/api/views';

stubResizeObserver();

// The bench's browser in Berlin: the screens write local time (UTC+01:00 in December).
inTimeZone('Europe/Berlin');
beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true }, true));
afterEach(cleanup);

describe('energy and power in the locale of the dates', () => {
  it('writes a German decimal comma where the dates are German, fixed digits as before', () => {
    expect(formatDate('2026-12-05T15:00:00.000Z', { locale: 'de-DE' })).toBe('5. Dez. 2026');
    expect(formatEnergy(2320, 'de-DE')).toBe('2,32 kWh');
    expect(formatPower(22_000, 'de-DE')).toBe('22,0 kW');
    expect(formatEnergy(12_345_600, 'de-DE')).toBe('12.345,60 kWh');
    expect(formatEnergy(104, 'de-DE')).toBe('104 Wh');
    expect(formatPower(740, 'de-DE')).toBe('740 W');
  });

  it('keeps the decimal point in en-US', () => {
    expect(formatEnergy(2320, 'en-US')).toBe('2.32 kWh');
    expect(formatPower(22_000, 'en-US')).toBe('22.0 kW');
    expect(formatEnergy(null, 'de-DE')).toBe('—');
  });
});

describe('the zone of the times shown', () => {
  it('is the offset from UTC on the day', () => {
    const winter = Date.UTC(2026, 11, 5, 15);
    expect(zoneLabel(winter, 'Europe/Berlin')).toBe('UTC+01:00');
    expect(zoneLabel(Date.UTC(2026, 6, 1, 12), 'Europe/Berlin')).toBe('UTC+02:00');
    expect(zoneLabel(winter, 'Asia/Kolkata')).toBe('UTC+05:30');
    expect(zoneLabel(winter, 'America/New_York')).toBe('UTC-05:00');
    expect(zoneLabel(winter, 'UTC')).toBe('UTC');
    // The browser's own when none is given.
    expect(zoneLabel(winter)).toBe('UTC+01:00');
  });

  it("is said in the message log's Time column and From/To fields, and the export says its times are UTC", async () => {
    const ts = '2026-12-05T15:34:36.381Z';
    const frames: MessageView[] = [{ id: 1, ts, chargerId: 'CP-1', direction: 'in', kind: 'CALL', messageId: 'm1', action: 'Heartbeat', raw: '[2,"m1","Heartbeat",{}]', error: null }];
    const client = fakeClient({
      'messages:count': () => ({ count: 1, capped: false, maxId: 1 }),
      'messages:page': ({ offset = 0 }) => (offset ? [] : frames),
    });
    render(withBench(client, <MessageLog />));
    await screen.findByText('1 frame');
    const zone = zoneLabel();
    expect(zone).toBe('UTC+01:00');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Time (UTC+01:00)');
    const filters = within(screen.getByRole('search', { name: 'Filter the message log' }));
    expect(filters.getAllByText('local time, UTC+01:00')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect((await screen.findByTestId('log-export-times')).textContent).toBe('Times in the file are UTC (ISO 8601, Z)');
  });
});

describe("a finished session's meter", () => {
  // meterStart 484 at 16:40:19 (local), meterStop 588 at 16:40:36; readings from 16:40:24 to 16:40:34.
  const tx = { active: false, startTime: '2026-12-05T15:40:19.000Z', stopTime: '2026-12-05T15:40:36.000Z', meterStart: 484, meterStop: 588 };
  const at = (s: number) => Date.parse('2026-12-05T15:40:00.000Z') + s * 1000;
  const samples: MeterSample[] = [
    { t: at(24), powerW: 11_000, energyWh: 514, transactionId: 3 },
    { t: at(29), powerW: 22_000, energyWh: 545, transactionId: 3 },
    { t: at(34), powerW: 22_000, energyWh: 576, transactionId: 3 },
  ];

  it('gives the final energy and its last power reading as that, at its time', () => {
    expect(finishedMeterText(104, samples)).toBe(`104 Wh delivered · power at its last reading: 22.0 kW at ${formatClock(at(34))}`);
    expect(formatClock(at(34), { locale: 'en-GB' })).toBe('16:40:34');
    expect(finishedMeterText(104, [])).toBe('104 Wh delivered');
  });

  it('charts the energy from 0 Wh at its start to meterStop at its stop, and no power there', () => {
    const ends = sessionEnds(tx);
    expect(ends).toEqual([
      { t: at(19), wh: 0 },
      { t: at(36), wh: 104 },
    ]);
    const points = withEnds(toPoints(samples, tx.meterStart), ends);
    expect(points.map((p) => [p.t.getTime(), p.kW, p.kWh])).toEqual([
      [at(19), null, 0],
      [at(24), 11, 0.03],
      [at(29), 22, 0.061],
      [at(34), 22, 0.092],
      [at(36), null, 0.104],
    ]);
  });

  it('adds nothing for a running session, and no stop where the record has none or an impossible one', () => {
    expect(sessionEnds({ ...tx, active: true })).toEqual([]);
    expect(sessionEnds({ ...tx, meterStop: null, stopTime: tx.stopTime })).toEqual([{ t: at(19), wh: 0 }]);
    expect(sessionEnds({ ...tx, meterStop: 400 })).toEqual([{ t: at(19), wh: 0 }]);
    // Only the newest values shown: no start to draw a line from.
    expect(sessionEnds(tx, true)).toEqual([{ t: at(36), wh: 104 }]);
  });
});
