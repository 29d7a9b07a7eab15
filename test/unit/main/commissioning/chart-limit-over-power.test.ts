// The session chart of a charger held at the site's load limit: the power line is drawn over the limit's line
// (which is wider and translucent, showing on both sides of it), not hidden under a red dashed line; and the
// time axis ends where the readings end (a 35 s session reads to 40 s, not to a minute).
import { describe, expect, it } from 'vitest';
import { sessionChart, timeTicks } from '../../../../src/main/commissioning/reports/chart';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString();
// A 35 s session at the limit: meterStart, readings, meterStop.
const samples = [0, 10, 20, 30, 35].map((s) => ({ ts: at(s), energyWh: s * 3, powerW: s === 0 ? null : 11040 }));

describe('the session chart at the load limit', () => {
  it('draws the power line over the limit line, the limit wider and translucent so both are seen', () => {
    const svg = sessionChart(samples, 11040);
    const limit = /<line class="limit"[^>]*\/>/.exec(svg);
    const power = /<polyline [^>]*stroke="#1a7f37"[^>]*stroke-width="(\d+(?:\.\d+)?)"/.exec(svg);
    expect(limit).not.toBeNull();
    expect(power).not.toBeNull();
    // Later in the SVG is drawn on top.
    expect(power!.index).toBeGreaterThan(limit!.index);
    const width = Number(/stroke-width="([\d.]+)"/.exec(limit![0])![1]);
    const opacity = Number(/stroke-opacity="([\d.]+)"/.exec(limit![0])?.[1] ?? 1);
    expect(width).toBeGreaterThan(Number(power![1]));
    expect(opacity).toBeLessThan(1);
    // Its label stays readable on top of the lines.
    expect(svg.indexOf('>limit 11040 W<')).toBeGreaterThan(power!.index);
  });

  it('ends the time axis at the data: a 35 s session reads to 40 s, not 60 s', () => {
    const ticks = timeTicks(35_000).ticks.map((t) => t.label);
    expect(ticks.at(-1)).toBe('40 s');
    expect(ticks).not.toContain('60 s');
    const svg = sessionChart(samples, 11040);
    const labels = [...svg.matchAll(/<text [^>]*text-anchor="middle">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels.at(-1)).toBe('40 s');
    // The last reading sits near the plot's right edge (64 to 656), not 40 % short of it.
    const last = /<polyline [^>]*stroke="#1a7f37"[^>]*points="([^"]*)"/.exec(svg)![1]!.split(' ').at(-1)!;
    expect(Number(last.split(',')[0])).toBeGreaterThan(64 + 0.85 * 592);
  });

  it('keeps round ends for other lengths: 60 s to 60 s, 125 s to 150 s, 5 minutes to 5 min', () => {
    expect(timeTicks(60_000).ticks.at(-1)!.label).toBe('60 s');
    expect(timeTicks(125_000).ticks.at(-1)!.label).toBe('150 s');
    expect(timeTicks(300_000).ticks.at(-1)!.label).toBe('5 min');
  });
});
