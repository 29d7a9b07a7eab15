// The session chart's time axis ends at the session's end rounded to its tick step: a session whose last
// reading lands a few ms after a whole tick (a 360 s session at 360.004 s) ends at that tick (6 min), not at
// the next one with a quarter of the chart empty; a reading genuinely later still gets an axis that reaches it.
import { describe, expect, it } from 'vitest';
import { sessionChart, timeTicks } from '../../../../src/main/commissioning/reports/chart';

const labels = (svg: string) => [...svg.matchAll(/<text [^>]*text-anchor="middle">([^<]*)<\/text>/g)].map((m) => m[1]);
const t0 = Date.parse('2026-01-01T10:00:00.000Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();
/** The plot's right edge in the SVG (its frame's x + width). */
const rightEdge = (svg: string) => {
  const m = /<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(svg)!;
  return Number(m[1]) + Number(m[2]);
};
const polylineXs = (svg: string, colour: string) =>
  new RegExp(`<polyline [^>]*stroke="${colour}"[^>]*points="([^"]*)"`)
    .exec(svg)![1]!
    .split(' ')
    .map((p) => Number(p.split(',')[0]));

describe("the session chart's time axis", () => {
  it('ends a 360 s session whose last reading is a few ms late at 6 min, the reading at the axis end', () => {
    const svg = sessionChart(
      [
        { ts: at(0), energyWh: 0, powerW: 7000 },
        { ts: at(180_000), energyWh: 350, powerW: 7000 },
        { ts: at(360_004), energyWh: 700, powerW: 7000 },
      ],
      null,
    );
    expect(labels(svg).at(-1)).toBe('6 min');
    expect(polylineXs(svg, '#0969da').at(-1)).toBe(rightEdge(svg));
    expect(timeTicks(360_004).spanMs).toBe(360_000);
    expect(timeTicks(360_900).spanMs).toBe(360_000);
  });

  it('ends a session exactly on a tick at that tick, and a short one a few ms late at its tick', () => {
    expect(timeTicks(360_000).ticks.at(-1)!.label).toBe('6 min');
    expect(timeTicks(60_003).ticks.at(-1)!.label).toBe('60 s');
    expect(timeTicks(35_000).ticks.at(-1)!.label).toBe('40 s');
  });

  it('does not cut off a reading genuinely later than a tick', () => {
    for (const ms of [361_500, 365_000, 60_500, 10_200]) {
      const axis = timeTicks(ms);
      expect(axis.spanMs, `${ms} ms`).toBeGreaterThanOrEqual(ms);
      expect(axis.ticks.at(-1)!.ms, `${ms} ms`).toBe(axis.spanMs);
    }
    const svg = sessionChart(
      [
        { ts: at(0), energyWh: 0, powerW: 7000 },
        { ts: at(361_500), energyWh: 700, powerW: 7000 },
      ],
      null,
    );
    expect(labels(svg).at(-1)).toBe('8 min');
    expect(polylineXs(svg, '#0969da').at(-1)).toBeLessThan(rightEdge(svg));
  });
});
