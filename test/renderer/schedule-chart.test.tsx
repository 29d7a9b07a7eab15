// @vitest-environment jsdom
// The composite schedule's time axis names every tick apart from the others, whatever the span: seconds
// when the schedule is short, the date where it crosses midnight, offsets when its start is not known.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { ThemeProvider } from '@mui/material/styles';
import { makeTheme } from '../../src/renderer/src/app/theme';
import { ScheduleChart, scheduleAxis } from '../../src/renderer/src/features/operations/kit/ScheduleChart';
import type { ChargingSchedule } from '../../src/shared/ocpp16';
import { stubResizeObserver } from './fake-client';

stubResizeObserver();
afterEach(cleanup);

/** The x axis' tick labels as drawn. */
function drawnTicks(schedule: ChargingSchedule, start?: string): string[] {
  const { container } = render(
    <ThemeProvider theme={makeTheme('light')}>
      <ScheduleChart schedule={schedule} start={start} width={800} height={260} />
    </ThemeProvider>,
  );
  const axis = container.querySelector('.MuiChartsAxis-directionX');
  return [...(axis?.querySelectorAll('.MuiChartsAxis-tickLabel') ?? [])].map((t) => t.textContent ?? '').filter(Boolean);
}

const labels = (from: number, to: number, start: number) => {
  const axis = scheduleAxis(from, to, start);
  return axis.ticks.map(axis.tickLabel);
};
const repeated = (list: string[]) => list.filter((l, i) => list.indexOf(l) !== i);

describe('the composite schedule chart', () => {
  it('labels a short schedule to the second, no label twice', () => {
    const start = new Date(2026, 4, 12, 12, 0, 0).toISOString();
    const ticks = drawnTicks(
      {
        chargingRateUnit: 'A',
        duration: 90,
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 16 },
          { startPeriod: 30, limit: 8 },
        ],
      },
      start,
    );
    expect(ticks.length).toBeGreaterThan(2);
    expect(repeated(ticks)).toEqual([]);
    // To the second: 12:00:00, then 12:00:15 or so, not "12:00" again.
    expect(ticks.every((t) => /\d{2}:\d{2}:\d{2}/.test(t))).toBe(true);
  });

  it('labels a short schedule of unknown start by its offsets in seconds, no label twice', () => {
    const ticks = drawnTicks({ chargingRateUnit: 'W', duration: 40, chargingSchedulePeriod: [{ startPeriod: 0, limit: 11000 }] });
    expect(ticks.length).toBeGreaterThan(2);
    expect(repeated(ticks)).toEqual([]);
    expect(ticks).toContain('+10 s');
  });

  it('dates the ticks where a schedule crosses midnight, and every tick of one that spans days', () => {
    const lateEvening = new Date(2026, 4, 12, 22, 30).getTime();
    const across = labels(0, 4 * 3600, lateEvening);
    expect(repeated(across)).toEqual([]);
    // The first tick and the first of the next day carry their date; the others the time alone.
    const dated = across.filter((l) => /2026/.test(l));
    expect(dated).toHaveLength(2);
    expect(dated[1]).toMatch(/13/);

    const twoDays = labels(0, 30 * 3600, new Date(2026, 4, 12, 12, 0).getTime());
    expect(repeated(twoDays)).toEqual([]);
    expect(twoDays.every((l) => /2026/.test(l))).toBe(true);

    const week = labels(0, 7 * 86_400, new Date(2026, 4, 12, 9, 0).getTime());
    expect(repeated(week)).toEqual([]);
    expect(week.length).toBeGreaterThan(2);
  });

  it('never repeats a label, whatever the length', () => {
    const start = new Date(2026, 4, 12, 23, 59, 10).getTime();
    for (const to of [1, 7, 59, 61, 90, 300, 599, 601, 3599, 3601, 7200, 86_399, 86_401, 3 * 86_400, 40 * 86_400]) {
      expect(repeated(labels(0, to, start)), `${to} s`).toEqual([]);
      expect(repeated(labels(0, to, NaN)), `${to} s from the start`).toEqual([]);
    }
  });
});
