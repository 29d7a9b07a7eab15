// The test session as an inline SVG chart: the energy register (Wh, left axis) and the power (W, right
// axis) over the session's minutes, and the site's load limit as a dashed line. No script, no font files.
import type { SessionSample } from '../../../shared/api/commissioning';

const W = 720;
const H = 260;
const PAD = { left: 64, right: 64, top: 16, bottom: 36 };
const round = (n: number) => Math.round(n * 10) / 10;

export function sessionChart(samples: SessionSample[], limitW: number | null): string {
  if (samples.length === 0) return '<p class="meta">No meter values were recorded for the test session.</p>';
  const t0 = Date.parse(samples[0]!.ts);
  const t1 = Math.max(t0 + 1000, Date.parse(samples.at(-1)!.ts));
  const energy = samples.filter((s) => s.energyWh !== null) as Array<SessionSample & { energyWh: number }>;
  const power = samples.filter((s) => s.powerW !== null) as Array<SessionSample & { powerW: number }>;
  const eMin = energy.length ? Math.min(...energy.map((s) => s.energyWh)) : 0;
  const eMax = energy.length ? Math.max(eMin + 1, ...energy.map((s) => s.energyWh)) : 1;
  const pMax = Math.max(1, ...power.map((s) => s.powerW), limitW ?? 0) * 1.1;
  const x = (ts: string) => round(PAD.left + ((Date.parse(ts) - t0) / (t1 - t0)) * (W - PAD.left - PAD.right));
  const yE = (v: number) => round(H - PAD.bottom - ((v - eMin) / (eMax - eMin)) * (H - PAD.top - PAD.bottom));
  const yP = (v: number) => round(H - PAD.bottom - (v / pMax) * (H - PAD.top - PAD.bottom));
  const line = (pts: string[], color: string, extra = '') => (pts.length ? `<polyline fill="none" stroke="${color}" stroke-width="2" ${extra} points="${pts.join(' ')}"/>` : '');
  const minutes = (t1 - t0) / 60_000;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const tx = round(PAD.left + f * (W - PAD.left - PAD.right));
    return `<line x1="${tx}" y1="${H - PAD.bottom}" x2="${tx}" y2="${H - PAD.bottom + 4}" stroke="#8c959f"/><text x="${tx}" y="${H - PAD.bottom + 16}" text-anchor="middle">${round(f * minutes)} min</text>`;
  });
  const limit =
    limitW === null
      ? ''
      : `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${yP(limitW)}" y2="${yP(limitW)}" stroke="#cf222e" stroke-dasharray="6 4" stroke-width="1.5"/><text x="${W - PAD.right - 4}" y="${yP(limitW) - 4}" text-anchor="end" fill="#cf222e">limit ${Math.round(limitW)} W</text>`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Energy and power during the test session" font-size="11" font-family="system-ui,sans-serif">
<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="#fbfcfd" stroke="#d0d7de"/>
${ticks.join('')}
<text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end" fill="#0969da">${Math.round(eMax)} Wh</text><text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end" fill="#0969da">${Math.round(eMin)} Wh</text>
<text x="${W - PAD.right + 6}" y="${PAD.top + 10}" fill="#1a7f37">${Math.round(pMax)} W</text><text x="${W - PAD.right + 6}" y="${H - PAD.bottom}" fill="#1a7f37">0 W</text>
${limit}
${line(
  energy.map((s) => `${x(s.ts)},${yE(s.energyWh)}`),
  '#0969da',
)}
${line(
  power.map((s) => `${x(s.ts)},${yP(s.powerW)}`),
  '#1a7f37',
  'stroke-dasharray="1 0"',
)}
<text x="${PAD.left}" y="${H - 4}" fill="#0969da">— energy register (Wh)</text><text x="${PAD.left + 170}" y="${H - 4}" fill="#1a7f37">— power (W)</text>
</svg>`;
}
