// @vitest-environment jsdom
// The meter chart draws only what the charger reported: a line breaks where reporting paused or one
// session ended and another began, power is held between readings instead of sloped into ramps, and the
// axes read as numbers a person reads.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { ThemeProvider } from '@mui/material/styles';
import { MAX_POINTS, MeterChart, latestReading, thinPoints, toPoints } from '../../src/renderer/src/components/MeterChart';
import { makeTheme } from '../../src/renderer/src/app/theme';
import type { MeterSample } from '../../src/shared/api/meter';
import { mergeSamples } from '../../src/renderer/src/components/useMeterSeries';
import { stubResizeObserver } from './fake-client';

stubResizeObserver();

afterEach(cleanup);

const t0 = Date.UTC(2026, 2, 1, 9, 0, 0);
/** Readings every 10 s from `from` (s after t0), `n` of them. */
const run = (from: number, n: number, transactionId: number | null, powerW = 22_000, energyFrom = 10_000): MeterSample[] =>
  Array.from({ length: n }, (_, i) => ({ t: t0 + (from + i * 10) * 1000, powerW, energyWh: energyFrom + i * 60, transactionId }));

/** The line segments a path draws: each "M" starts one. */
const segments = (d: string | null) => (d?.match(/M/g) ?? []).length;

describe('the meter chart', () => {
  it('breaks the line between two sessions, even a minute apart, and across a pause in reporting', () => {
    const sessions = [...run(0, 6, 7), ...run(110, 6, 8)];
    const points = toPoints(sessions, undefined);
    expect(points.filter((p) => p.kW === null && p.kWh === null)).toHaveLength(1);
    const paused = [...run(0, 6, 7), ...run(120, 6, 7)];
    expect(toPoints(paused, undefined).filter((p) => p.kW === null)).toHaveLength(1);
    // Readings at the usual pace, one lost: one line.
    const steady = [...run(0, 6, 7), ...run(70, 6, 7)];
    expect(toPoints(steady, undefined).filter((p) => p.kW === null)).toHaveLength(0);
  });

  it('draws two sessions as separate lines, and power as held steps rather than ramps', () => {
    const { container } = render(
      <ThemeProvider theme={makeTheme('light')}>
        <MeterChart samples={[...run(0, 6, 7).map((x, i) => ({ ...x, powerW: i * 4000 })), ...run(110, 6, 8)]} title="chart" emptyText="" width={600} height={240} />
      </ThemeProvider>,
    );
    const lines = [...container.querySelectorAll('path.MuiLineChart-line, path[class*="MuiLineElement"]')].map((p) => p.getAttribute('d'));
    expect(lines).toHaveLength(2);
    for (const d of lines) expect(segments(d)).toBe(2);
    // Power (the first series) steps: every move is horizontal or vertical, none slopes.
    const power = lines[0]!
      .replace(/M/g, ' M')
      .trim()
      .split(/(?=[MLHV])/);
    const moves = power.filter((c) => c.startsWith('L')).map((c) => c.slice(1).split(',').map(Number));
    const starts = power.map((c) => c.slice(1).split(',').map(Number));
    let sloped = 0;
    for (let i = 1; i < starts.length; i++) {
      const [x0, y0] = starts[i - 1];
      const [x1, y1] = starts[i];
      if (power[i].startsWith('L') && x0 !== x1 && y0 !== y1) sloped++;
    }
    expect(moves.length).toBeGreaterThan(0);
    expect(sloped).toBe(0);
  });

  it('draws a long session from a bounded number of points, keeping its spikes, dips and breaks', () => {
    // 8 hours at 1 s, a pause in reporting after 5 hours; power steady but for one spike and one dip.
    const samples: MeterSample[] = Array.from({ length: 28_800 }, (_, i) => ({
      t: t0 + (i < 18_000 ? i : i + 600) * 1000,
      powerW: i === 12_345 ? 30_000 : i === 20_001 ? 0 : 11_000,
      energyWh: 10_000 + i * 3,
      transactionId: 7,
    }));
    const points = toPoints(samples, 10_000);
    const thin = thinPoints(points);
    expect(thin.length).toBeLessThanOrEqual(MAX_POINTS + 12);
    // No stretch of the curve is left out: kept points are at most a run (here 144 readings) apart, but at the break.
    const apart = thin.slice(1).map((p, i) => (p.kWh === null || thin[i].kWh === null ? 0 : p.t.getTime() - thin[i].t.getTime()));
    expect(Math.max(...apart)).toBeLessThanOrEqual(144_000);
    // The spike and the dip, each held for the one second it lasted (power is drawn held to the next point).
    for (const [i, kW] of [
      [12_345, 30],
      [20_001, 0],
    ]) {
      const at = thin.findIndex((p) => p.kW === kW);
      expect(thin[at].t).toEqual(points[i + (i > 18_000 ? 1 : 0)].t);
      expect(thin[at + 1].t.getTime() - thin[at].t.getTime()).toBe(1000);
      expect(thin[at + 1].kW).toBe(11);
    }
    expect(thin.filter((p) => p.kW === null && p.kWh === null)).toHaveLength(1);
    expect(thin[0]).toBe(points[0]);
    expect(thin[thin.length - 1]).toBe(points[points.length - 1]);
    expect(thin.every((p, i) => i === 0 || p.t.getTime() > thin[i - 1].t.getTime())).toBe(true);
    // A short one is drawn point for point.
    const short = toPoints(run(0, 100, 7), undefined);
    expect(thinPoints(short)).toBe(short);
  });

  it('joins a history and later samples in time order, a later sample at the same time adding to the earlier', () => {
    const history = run(0, 5, 7);
    const later = run(50, 3, 7, 11_000, 20_000);
    expect(mergeSamples(history, later)).toEqual([...history, ...later]);
    // Out of order, or overlapping: sorted, and the same time is one sample.
    const overlap = [{ t: history[4].t, powerW: 5000, transactionId: 7 }, ...later.slice().reverse()];
    const merged = mergeSamples(history, overlap);
    expect(merged.map((m) => m.t)).toEqual([...history, ...later].map((m) => m.t));
    expect(merged[4]).toEqual({ ...history[4], powerW: 5000 });
    // Power and energy sent apart at the same time: one sample, the rest joined as it is.
    const energyAfter = [{ t: later[0].t, energyWh: 99_999, transactionId: 7 }, ...later.slice(1)];
    const joined = mergeSamples(mergeSamples(history, later.slice(0, 1)), energyAfter);
    expect(joined).toEqual([...history, { ...later[0], energyWh: 99_999 }, ...later.slice(1)]);
    expect(mergeSamples([], later)).toEqual(later);
    expect(mergeSamples(history, [])).toEqual(history);
  });

  it('labels the kWh axis with a few digits, grouped', () => {
    const { container } = render(
      <ThemeProvider theme={makeTheme('light')}>
        <MeterChart samples={run(0, 6, 7, 22_000, 12_345_678)} title="chart" emptyText="" width={600} height={240} />
      </ThemeProvider>,
    );
    const ticks = [...container.querySelectorAll('text')].map((t) => t.textContent ?? '');
    expect(ticks.some((t) => /^12,34\d$/.test(t))).toBe(true);
    expect(ticks.some((t) => /\d{5,}/.test(t))).toBe(false);
  });

  it('reads the latest power only from the newest session', () => {
    const samples: MeterSample[] = [...run(0, 3, 7, 22_000), { t: t0 + 600_000, energyWh: 12_000, transactionId: null }];
    expect(latestReading(samples)).toMatchObject({ energyWh: 12_000, powerW: undefined });
  });
});
