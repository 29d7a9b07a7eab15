// The load limit's label on the session chart is not run through by the energy or the power line: it sits
// where no line crosses it (above or below the limit, at either end), or on a box of the plot's colour.
import { describe, expect, it } from 'vitest';
import { sessionChart } from '../../../../src/main/commissioning/reports/chart';

/** The label's box (as drawn: right- or left-anchored text about 6.2 px a character, 11 px high) and the polylines' points. */
function parts(svg: string, label: string) {
  const text = new RegExp(`<text([^>]*)>${label}</text>`).exec(svg);
  if (!text) throw new Error(`no label "${label}"`);
  const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(text[1]!)?.[1];
  const x = Number(attr('x'));
  const y = Number(attr('y'));
  const width = label.length * 6.2;
  const [x0, x1] = attr('text-anchor') === 'end' ? [x - width, x] : [x, x + width];
  const lines = [...svg.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1]!.split(' ').map((p) => p.split(',').map(Number) as [number, number]));
  return { box: { x0, x1, y0: y - 11, y1: y + 2 }, lines, boxed: /<rect [^>]*fill="#fbfcfd" opacity/.test(svg) };
}

/** Whether a polyline passes through the box. */
function crosses(pts: Array<[number, number]>, b: { x0: number; x1: number; y0: number; y1: number }): boolean {
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1]!;
    const [bx, by] = pts[i]!;
    for (let t = 0; t <= 1; t += 0.01) {
      const x = ax + (bx - ax) * t;
      const y = ay + (by - ay) * t;
      if (x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1) return true;
    }
  }
  return false;
}

const session = (n: number, whPerMin: number, powerW: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => ({ ts: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(), energyWh: i * whPerMin, powerW: powerW(i) }));

describe('the load limit label', () => {
  it('is not crossed by an energy line rising to the top right (where the label used to sit)', () => {
    const svg = sessionChart(
      session(3, 190, () => 11385),
      11385,
    );
    const { box, lines, boxed } = parts(svg, 'limit 11385 W');
    expect(lines.some((l) => crosses(l, box))).toBe(false);
    expect(boxed).toBe(false);
  });

  it('is not crossed either when the energy line falls from the top left', () => {
    const svg = sessionChart(
      session(3, 0, () => 11385).map((s, i) => ({ ...s, energyWh: 400 - i * 190 })),
      11385,
    );
    const { box, lines } = parts(svg, 'limit 11385 W');
    expect(lines.some((l) => crosses(l, box))).toBe(false);
  });

  it('sits on a box of the plot’s colour when lines pass every place it could go', () => {
    // The power zigzags across the limit, the energy rises through it: every place is crossed.
    const svg = sessionChart(
      session(31, 13, (i) => (i % 2 ? 13_500 : 9_000)),
      11385,
    );
    const { boxed } = parts(svg, 'limit 11385 W');
    expect(boxed).toBe(true);
    expect(svg.indexOf('<rect x=') < svg.indexOf('>limit 11385 W<')).toBe(true);
  });
});
