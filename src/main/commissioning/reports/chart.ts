// The test session as an inline SVG chart: the energy register (Wh, left axis) and the power (W, right
// axis) over the session's time (seconds for a short session, minutes otherwise), a lone reading drawn as
// a dot, and the site's load limit as a wide translucent dashed band drawn under the series, so a power line
// at the limit runs visibly along it (neither hides the other); its label on top. The limit is drawn only
// when this commissioning had set it on the charger when the session ran (the session's power was judged
// against it); otherwise the report says why there is none. The time axis ends at the data's end (rounded
// up to its tick step; a few ms past a tick is at that tick) and says where it starts: the first reading's
// time with its zone, as the report writes times. No script, no font files.
import type { CommissioningView, SessionSample } from '../../../shared/api/commissioning';
import { formatDateTimeWithZone } from '../../../shared/format/time';
import { esc } from '../../conformance/reports/html';
import { sessionChartLimit } from '../../../shared/api/session-limit';

const W = 720;
const H = 276;
const PAD = { left: 64, right: 64, top: 16, bottom: 52 };
const round = (n: number) => Math.round(n * 10) / 10;

/** Tick steps (s) to choose from: at most 6 intervals across the axis. */
const STEPS_S = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200];

/** The shortest axis (a lone reading, or readings a moment apart). */
const MIN_SPAN_MS = 10_000;

/**
 * How far (ms) the data's end may pass a tick and still end the axis there: the few ms a charger's readings
 * or the session's stop land after a whole minute (a 360 s session whose last reading is at 360.004 s reads
 * to 6 min, not 8). At most a second, and at most 1/300 of the span (two pixels), so a short axis is not cut
 * short by it; a reading within it is drawn at the axis's end.
 */
const maxOverMs = (dataMs: number) => Math.min(1000, dataMs / 300);

/**
 * The time axis: ticks at a round step (at most 6 intervals), ending at the data's end rounded up to that step
 * (a 35 s session reads to 40 s, not a minute; a few ms past a tick is at that tick), labelled in s under 3
 * minutes, else in min.
 */
export function timeTicks(spanMs: number): { spanMs: number; ticks: Array<{ ms: number; label: string }> } {
  const data = Math.max(MIN_SPAN_MS, spanMs) - maxOverMs(Math.max(MIN_SPAN_MS, spanMs));
  const stepS = STEPS_S.find((s) => data / 1000 / s <= 6) ?? Math.ceil(data / 6000 / 3600) * 3600;
  const span = Math.ceil(data / 1000 / stepS) * stepS * 1000;
  const inSeconds = span < 180_000;
  const ticks: Array<{ ms: number; label: string }> = [];
  for (let s = 0; s * 1000 <= span + 1; s += stepS) ticks.push({ ms: s * 1000, label: inSeconds ? `${s} s` : `${round(s / 60)} min` });
  return { spanMs: span, ticks };
}

type Point = [number, number];

/** The y of a polyline at x (between its points), or null outside it. */
function yAt(pts: Point[], xx: number): number | null {
  for (let i = 1; i < pts.length; i++) {
    const [x0, y0] = pts[i - 1]!;
    const [x1, y1] = pts[i]!;
    if (xx < Math.min(x0, x1) || xx > Math.max(x0, x1)) continue;
    return x1 === x0 ? y0 : y0 + ((xx - x0) / (x1 - x0)) * (y1 - y0);
  }
  return pts.length === 1 && Math.abs(pts[0]![0] - xx) < 4 ? pts[0]![1] : null;
}

/**
 * Where the load limit's label goes: above or below its line, at the right or the left end of the plot,
 * the first place no series line crosses (its box sampled across its width); otherwise at the right above
 * the line, on a box of the plot's colour so a line passing under it does not run through the words.
 */
export function limitLabelSpot(limitY: number, text: string, lines: Point[][]): { x: number; y: number; anchor: 'start' | 'end'; box: string } {
  const width = text.length * 6.2 + 4;
  const height = 12;
  const right = W - PAD.right - 4;
  const left = PAD.left + 4;
  const candidates = [
    { x: right, y: limitY - 6, anchor: 'end' as const },
    { x: left, y: limitY - 6, anchor: 'start' as const },
    { x: right, y: limitY + 15, anchor: 'end' as const },
    { x: left, y: limitY + 15, anchor: 'start' as const },
  ].filter((c) => c.y - height >= PAD.top && c.y <= H - PAD.bottom);
  const boxOf = (c: (typeof candidates)[number]) => ({ x0: c.anchor === 'end' ? c.x - width : c.x, x1: c.anchor === 'end' ? c.x : c.x + width, y0: c.y - height + 1, y1: c.y + 3 });
  const crossed = (c: (typeof candidates)[number]) => {
    const b = boxOf(c);
    for (let xx = b.x0; xx <= b.x1; xx += 2)
      for (const pts of lines) {
        const yy = yAt(pts, xx);
        if (yy !== null && yy >= b.y0 - 2 && yy <= b.y1 + 2) return true;
      }
    return false;
  };
  const free = candidates.find((c) => !crossed(c));
  if (free) return { ...free, box: '' };
  const c = candidates[0] ?? { x: right, y: Math.max(PAD.top + height, limitY - 6), anchor: 'end' as const };
  const b = boxOf(c);
  return { ...c, box: `<rect x="${round(b.x0 - 2)}" y="${round(b.y0)}" width="${round(b.x1 - b.x0 + 4)}" height="${round(b.y1 - b.y0)}" fill="#fbfcfd" opacity="0.92"/>` };
}

/**
 * The load limit (W) the session's chart draws, or null; with why none is drawn when the template has one
 * (HTML): the limit had not been set on the charger by this commissioning when the session ran (its
 * “Site's load limit” step had not passed), so the session's power says nothing of it. The session step's
 * load-limit row tells (the condition the step judged the power on); a record without that row, by the
 * “Site's load limit” step's verdict.
 */
export function chartLimit(view: Pick<CommissioningView, 'steps' | 'session'>): { limitW: number | null; why: string } {
  const { limitW, notSetW, notSupported } = sessionChartLimit(view, view.session?.limitW ?? null);
  if (notSetW === null) return { limitW, why: '' };
  const because = notSupported
    ? "the charger does not support smart charging (its “Site's load limit” step was not applicable), so no load limit can be set on it"
    : "the load limit was not set on the charger in this commissioning when the test session ran (its “Site's load limit” step had not passed)";
  return {
    limitW: null,
    why: `<p class="meta chart-limit">No load limit line: ${because}, so the session's power says nothing of the site's limit (${esc(Math.round(notSetW))} W) and was not judged against it.</p>`,
  };
}

export function sessionChart(samples: SessionSample[], limitW: number | null): string {
  if (samples.length === 0) return '<p class="meta">No meter values were recorded for the test session.</p>';
  const t0 = Date.parse(samples[0]!.ts);
  const axis = timeTicks(Date.parse(samples.at(-1)!.ts) - t0);
  const energy = samples.filter((s) => s.energyWh !== null) as Array<SessionSample & { energyWh: number }>;
  const power = samples.filter((s) => s.powerW !== null) as Array<SessionSample & { powerW: number }>;
  const eMin = energy.length ? Math.min(...energy.map((s) => s.energyWh)) : 0;
  const eMax = energy.length ? Math.max(eMin + 1, ...energy.map((s) => s.energyWh)) : 1;
  const pMax = Math.max(1, ...power.map((s) => s.powerW), limitW ?? 0) * 1.1;
  const xAt = (ms: number) => round(PAD.left + (ms / axis.spanMs) * (W - PAD.left - PAD.right));
  // A reading a few ms past the axis's end (timeTicks) is drawn at its end, inside the plot.
  const x = (ts: string) => xAt(Math.min(axis.spanMs, Date.parse(ts) - t0));
  const yE = (v: number) => round(H - PAD.bottom - ((v - eMin) / (eMax - eMin)) * (H - PAD.top - PAD.bottom));
  const yP = (v: number) => round(H - PAD.bottom - (v / pMax) * (H - PAD.top - PAD.bottom));
  // A line through two readings or more; a lone reading is a dot (a line needs two points).
  const series = (pts: Array<[number, number]>, color: string, label: string) =>
    pts.length === 0
      ? ''
      : pts.length === 1
        ? `<circle cx="${pts[0]![0]}" cy="${pts[0]![1]}" r="4" fill="${color}"><title>${label}</title></circle>`
        : `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map(([a, b]) => `${a},${b}`).join(' ')}"><title>${label}</title></polyline>`;
  // What the ticks count from: the first reading, at its time with the zone (a reader elsewhere can tell the instant).
  const axisTitle = `<text class="time-axis" x="${PAD.left}" y="${H - PAD.bottom + 31}" fill="#57606a">Time since the first reading, ${esc(formatDateTimeWithZone(t0))}</text>`;
  const ticks = axis.ticks.map(({ ms, label }) => {
    const tx = xAt(ms);
    return `<line x1="${tx}" y1="${H - PAD.bottom}" x2="${tx}" y2="${H - PAD.bottom + 4}" stroke="#8c959f"/><text x="${tx}" y="${H - PAD.bottom + 16}" text-anchor="middle">${label}</text>`;
  });
  const energyPts = energy.map((s): Point => [x(s.ts), yE(s.energyWh)]);
  const powerPts = power.map((s): Point => [x(s.ts), yP(s.powerW)]);
  const limitText = limitW === null ? '' : `limit ${Math.round(limitW)} W`;
  const spot = limitW === null ? null : limitLabelSpot(yP(limitW), limitText, [energyPts, powerPts]);
  // The limit's line goes under the series (wider than them, translucent): a power line at the limit is drawn
  // over it and stays seen, with the limit showing on both sides of it. Its label goes on top.
  const limitLine =
    limitW === null || !spot
      ? ''
      : `<line class="limit" x1="${PAD.left}" x2="${W - PAD.right}" y1="${yP(limitW)}" y2="${yP(limitW)}" stroke="#cf222e" stroke-opacity="0.5" stroke-dasharray="6 4" stroke-width="5"/>`;
  const limitLabel =
    limitW === null || !spot
      ? ''
      : `${spot.box}<text class="limit-label" x="${spot.x}" y="${spot.y}" text-anchor="${spot.anchor}" fill="#cf222e" stroke="#fbfcfd" stroke-width="3" paint-order="stroke">${limitText}</text>`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Energy and power during the test session" font-size="11" font-family="system-ui,sans-serif">
<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="#fbfcfd" stroke="#d0d7de"/>
${ticks.join('')}${axisTitle}
<text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end" fill="#0969da">${Math.round(eMax)} Wh</text><text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end" fill="#0969da">${Math.round(eMin)} Wh</text>
<text x="${W - PAD.right + 6}" y="${PAD.top + 10}" fill="#1a7f37">${Math.round(pMax)} W</text><text x="${W - PAD.right + 6}" y="${H - PAD.bottom}" fill="#1a7f37">0 W</text>
${limitLine}
${series(energyPts, '#0969da', 'energy register (Wh)')}
${series(powerPts, '#1a7f37', 'power (W)')}
${limitLabel}
<text x="${PAD.left}" y="${H - 4}" fill="#0969da">— energy register (Wh)</text><text x="${PAD.left + 170}" y="${H - 4}" fill="#1a7f37">— power (W)</text>${limitW === null ? '' : `<text x="${PAD.left + 290}" y="${H - 4}" fill="#cf222e">- - site’s load limit (W)</text>`}
</svg>`;
}
