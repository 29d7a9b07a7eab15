// The test session chart in the report (HTML and PDF): its time axis counts from the first reading, and says
// when that was with the zone, as the report writes its times, so a reader elsewhere can tell the instant.
import { describe, expect, it } from 'vitest';
import { sessionChart } from '../../../../src/main/commissioning/reports/chart';
import { formatDateTimeWithZone } from '../../../../src/shared/format/time';

describe("the session chart's time axis", () => {
  it('says the time it starts at, with its zone, under the ticks', () => {
    const svg = sessionChart(
      [
        { ts: '2026-03-02T15:02:10.000Z', energyWh: 8, powerW: 11040 },
        { ts: '2026-03-02T15:07:10.000Z', energyWh: 900, powerW: 11040 },
      ],
      null,
    );
    const title = /<text class="time-axis"[^>]*>([^<]*)<\/text>/.exec(svg)?.[1];
    expect(title).toBe(`Time since the first reading, ${formatDateTimeWithZone('2026-03-02T15:02:10.000Z')}`);
    expect(title).toMatch(/ UTC([+-]\d\d:\d\d)?$/);
    // Below the tick labels, above the legend, inside the drawing.
    const y = (re: RegExp) => Number(re.exec(svg)?.[1]);
    const height = y(/viewBox="0 0 \d+ (\d+)"/);
    const tickY = y(/<text x="[\d.]+" y="([\d.]+)" text-anchor="middle">/);
    const titleY = y(/<text class="time-axis" x="[\d.]+" y="([\d.]+)"/);
    const legendY = y(/<text x="[\d.]+" y="([\d.]+)" fill="#0969da">— energy register/);
    expect(titleY).toBeGreaterThan(tickY + 10);
    expect(legendY).toBeGreaterThan(titleY + 10);
    expect(legendY).toBeLessThanOrEqual(height);
  });
});
