// @vitest-environment jsdom
// A connector card's meter chart tells when its points were taken and agrees with the Meter line above it:
// a single reading still gets time labels (local clock times, as the rest of the page), and an idle
// connector's register taken from the last StopTransaction (newer than any reading) is drawn, not only the
// older reading; a stop of another session than the readings is drawn apart from them.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { ThemeProvider } from '@mui/material/styles';
import { chargerScreenHooks, showChargerAfterStop } from './charger-page-harness';
import { aTransaction, meterRows, minutesAgo } from './builders';
import { makeTheme } from '../../src/renderer/src/app/theme';
import { MeterChart, toPoints, withEnds } from '../../src/renderer/src/components/MeterChart';
import { formatClock } from '../../src/renderer/src/components/format';

chargerScreenHooks();

const texts = (root: Element | null | undefined) => [...(root?.querySelectorAll('text') ?? [])].map((t) => t.textContent ?? '');
/** The time axis's tick labels of the chart in `root`. */
const timeTicks = (root: Element) => texts(root.querySelector('.MuiChartsAxis-directionX')).filter(Boolean);
/** The energy line's path (the second series). */
const energyLine = (root: Element) => [...root.querySelectorAll('path[class*="MuiLineElement"], path.MuiLineChart-line')][1]?.getAttribute('d') ?? '';

describe('a meter chart of a single reading', () => {
  it('labels its time axis with clock times around the reading', () => {
    const t = Date.UTC(2026, 2, 1, 9, 0, 3);
    const { container } = render(
      <ThemeProvider theme={makeTheme('light')}>
        <MeterChart samples={[{ t, powerW: 22_000, energyWh: 367, transactionId: 1 }]} title="chart" emptyText="" width={700} height={220} />
      </ThemeProvider>,
    );
    const ticks = timeTicks(container);
    expect(ticks.length).toBeGreaterThan(1);
    // Local clock times with seconds, within the minute around the reading.
    const around = new Set(Array.from({ length: 61 }, (_, s) => formatClock(t + (s - 30) * 1000, { seconds: true })));
    expect(ticks.every((label) => around.has(label))).toBe(true);
  });
});

describe('the connector card’s chart after a session stopped', () => {
  it('draws the stop’s register that the Meter line names, after the older reading', async () => {
    const readingAt = minutesAgo(12);
    const stopAt = minutesAgo(5);
    showChargerAfterStop(aTransaction(5, 'CP001', 1, 'USER-9', { meterStart: 100, meterStop: 575, stopTime: stopAt, active: false }), meterRows('CP001', 1, readingAt, 367, 22_000, 5));
    await waitFor(() => expect(screen.getByTestId('meter-latest-1').textContent).toBe('No session running · register 575 Wh'));
    const chart = screen.getByTestId('meter-chart-1');
    // The energy line runs from the reading (367 Wh) to the stop (575 Wh): a segment, not a lone point.
    await waitFor(() => expect(energyLine(chart)).toMatch(/^M[^M]*L/));
    const energyTicks = texts(chart.querySelectorAll('.MuiChartsAxis-directionY')[1]).map((s) => Number(s.replace(/,/g, '')));
    expect(Math.max(...energyTicks.filter(Number.isFinite))).toBeGreaterThanOrEqual(500);
  });
});

describe('a stop drawn on a chart of another session’s readings', () => {
  it('stands apart from them (a break before it), and joins its own session’s', () => {
    const t = Date.UTC(2026, 2, 1, 9, 0, 0);
    const points = toPoints([{ t, powerW: 7000, energyWh: 300, transactionId: 4 }], undefined);
    const apart = withEnds(points, [{ t: t + 60_000, wh: 575, apart: true }]);
    expect(apart.map((p) => p.kWh)).toEqual([0.3, null, 0.575]);
    expect(withEnds(points, [{ t: t + 60_000, wh: 575 }]).map((p) => p.kWh)).toEqual([0.3, 0.575]);
  });
});
