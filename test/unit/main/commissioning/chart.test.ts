// The test session's chart in the report: a lone reading is drawn (a dot), the time axis of a short
// session reads in seconds without repeated labels, and the load limit stays visible under a power line at
// the limit (chart-limit-over-power.test.ts); the energy delivered is stated under it.
import { describe, expect, it } from 'vitest';
import { sessionChart, timeTicks } from '../../../../src/main/commissioning/reports/chart';
import { sessionFacts } from '../../../../src/main/commissioning/reports/html';
import { sessionOf } from '../../../../src/main/commissioning/model';

const labels = (svg: string) => [...svg.matchAll(/<text [^>]*text-anchor="middle">([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the session chart', () => {
  it('draws a single meter reading as a dot, with distinct second ticks', () => {
    const svg = sessionChart([{ ts: '2026-01-01T10:01:00.000Z', energyWh: 192, powerW: 11040 }], 11040);
    // Both series are drawn: the energy and the power reading, each a dot.
    expect(svg.match(/<circle [^>]*fill="#0969da"/g)).toHaveLength(1);
    expect(svg.match(/<circle [^>]*fill="#1a7f37"/g)).toHaveLength(1);
    const ticks = labels(svg);
    expect(ticks[0]).toBe('0 s');
    expect(ticks.every((t) => / s$/.test(t!))).toBe(true);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('draws the limit, dashed, with its label, and a power line at the limit over it', () => {
    const svg = sessionChart(
      [
        { ts: '2026-01-01T10:00:00.000Z', energyWh: 8, powerW: 11040 },
        { ts: '2026-01-01T10:01:00.000Z', energyWh: 192, powerW: 11040 },
      ],
      11040,
    );
    const power = svg.indexOf('stroke="#1a7f37"');
    const limit = svg.indexOf('class="limit"');
    expect(power).toBeGreaterThan(0);
    expect(power).toBeGreaterThan(limit);
    expect(svg).toMatch(/class="limit"[^>]*stroke-dasharray="6 4"/);
    expect(svg).toContain('limit 11040 W');
  });

  it('reads a short session in seconds and a long one in minutes, never repeating a label', () => {
    for (const [spanS, unit] of [
      [0, 's'],
      [60, 's'],
      [125, 's'],
      [300, 'min'],
      [3600, 'min'],
    ] as const) {
      const t = timeTicks(spanS * 1000).ticks.map((x) => x.label);
      expect(t.length, `${spanS} s`).toBeGreaterThanOrEqual(2);
      expect(t.length, `${spanS} s`).toBeLessThanOrEqual(7);
      expect(new Set(t).size, `${spanS} s`).toBe(t.length);
      expect(
        t.every((l) => l.endsWith(` ${unit}`)),
        `${spanS} s: ${t.join(', ')}`,
      ).toBe(true);
    }
  });
});

describe('the session kept with the commissioning', () => {
  it('adds meterStart and meterStop to the readings and states the energy delivered', () => {
    const s = sessionOf(
      [
        { timestamp: '2026-01-01T10:01:00.000Z', measurand: 'Energy.Active.Import.Register', value: '192', unit: 'Wh', phase: null },
        { timestamp: '2026-01-01T10:01:00.000Z', measurand: 'Power.Active.Import', value: '11040', unit: 'W', phase: null },
      ] as never,
      { transactionId: 1, start: { ts: '2026-01-01T10:00:00.000Z', wh: 8 }, stop: { ts: '2026-01-01T10:01:05.000Z', wh: 200 }, limitW: null },
    );
    expect(s.samples.map((x) => x.energyWh)).toEqual([8, 192, 200]);
    expect(s).toMatchObject({ meterStartWh: 8, meterStopWh: 200, energyWh: 192, transactionId: 1 });
    expect(sessionFacts(s)).toMatch(/Energy delivered: <b>192 Wh<\/b> \(meterStart 8 Wh, meterStop 200 Wh; transaction 1\)/);
  });

  it('keeps a session that ran without any meter value (started, then stopped)', () => {
    const s = sessionOf([], { transactionId: 1, start: { ts: '2026-01-01T10:00:00.000Z', wh: 0 }, stop: { ts: '2026-01-01T10:00:02.000Z', wh: 8 }, limitW: null });
    expect(s.samples).toHaveLength(2);
    expect(s.energyWh).toBe(8);
  });
});
