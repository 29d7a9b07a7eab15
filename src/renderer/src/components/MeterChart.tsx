// A meter chart: power (kW, left axis) and energy (kWh, right axis; Wh under 1 kWh) over time, as the charger reported
// them in MeterValues. Shared by the charger's live connector charts and the transaction detail. It draws
// only what was reported: a line breaks where reporting paused or a session ended, and power is held
// between readings rather than sloped, so no ramp or flat stretch is invented.
import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { LineChart, lineClasses } from '@mui/x-charts/LineChart';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { deliveredWh, type MeterSample } from '../../../shared/api/meter';
import { formatClock, formatDateTime, formatEnergy, formatPower } from './format';

/** The newest reading: power and energy from the newest sample, or from one just before it of the same session (a charger may send them apart). */
export function latestReading(samples: readonly MeterSample[]): { t: number; powerW?: number; energyWh?: number; transactionId: number | null } | null {
  if (!samples.length) return null;
  const last = samples[samples.length - 1];
  let { powerW, energyWh } = last;
  for (let i = samples.length - 2; i >= 0 && (powerW === undefined || energyWh === undefined); i--) {
    const s = samples[i];
    // Never from another session, nor from long before.
    if (s.transactionId !== last.transactionId || last.t - s.t > SAME_READING_MS) break;
    powerW ??= s.powerW;
    energyWh ??= s.energyWh;
  }
  return { t: last.t, powerW, energyWh, transactionId: last.transactionId };
}

/** Readings a charger sends apart (power in one MeterValues, energy in the next) belong together within this. */
const SAME_READING_MS = 60_000;

/** The usual time between readings (the median step); 0 with fewer than two. */
export function typicalStep(samples: readonly MeterSample[]): number {
  const steps: number[] = [];
  for (let i = 1; i < samples.length; i++) steps.push(samples[i].t - samples[i - 1].t);
  steps.sort((a, b) => a - b);
  return steps.length ? steps[Math.floor(steps.length / 2)] : 0;
}

/** A pause longer than this is a gap in reporting, not a step between readings. */
export function gapAfter(samples: readonly MeterSample[]): number {
  return Math.max(15_000, typicalStep(samples) * 3);
}

export interface Point {
  t: Date;
  kW: number | null;
  kWh: number | null;
}

/**
 * The points to draw: a break (a point of nulls) wherever reporting paused for longer than a few usual
 * steps, and wherever one session ends and another begins, so no line crosses time without readings.
 */
export function toPoints(samples: readonly MeterSample[], meterStart: number | undefined): Point[] {
  const gap = gapAfter(samples);
  const points: Point[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    const before = samples[i - 1];
    if (before && (s.t - before.t > gap || s.transactionId !== before.transactionId)) points.push({ t: new Date(before.t + 1), kW: null, kWh: null });
    // A session's energy by the one rule: a reading below meterStart is no point, not 0 kWh.
    const wh = s.energyWh === undefined ? null : meterStart === undefined ? s.energyWh : deliveredWh(s.energyWh, meterStart);
    points.push({ t: new Date(s.t), kW: s.powerW === undefined ? null : s.powerW / 1000, kWh: wh === null ? null : wh / 1000 });
  }
  return points;
}

/** An energy known outside MeterValues (a session's meterStart at its start, its meterStop at its stop), in the plotted scale. */
export interface EnergyAt {
  t: number;
  wh: number;
  /** Of a session other than the readings before it: drawn apart from them (a break before it), as sessions are. */
  apart?: boolean;
}

/**
 * `points` with `ends` among them by time: energy only (no power is known there). A reading of the same
 * time keeps its own energy; one without energy takes the end's.
 */
export function withEnds(points: readonly Point[], ends: readonly EnergyAt[]): Point[] {
  const out = [...points];
  for (const end of ends) {
    if (!Number.isFinite(end.t) || !Number.isFinite(end.wh)) continue;
    const i = out.findIndex((p) => p.t.getTime() >= end.t);
    const same = i >= 0 && out[i].t.getTime() === end.t && (out[i].kW !== null || out[i].kWh !== null) ? out[i] : null;
    if (same) {
      if (same.kWh === null) out[i] = { ...same, kWh: end.wh / 1000 };
    } else {
      const at = i < 0 ? out.length : i;
      const before = out[at - 1];
      const gap = end.apart && before && (before.kW !== null || before.kWh !== null) ? [{ t: new Date(before.t.getTime() + 1), kW: null, kWh: null }] : [];
      out.splice(at, 0, ...gap, { t: new Date(end.t), kW: null, kWh: end.wh / 1000 });
    }
  }
  return out;
}

/** The time axis spans at least this, around the readings: a single one (or a few close together) gets time labels. */
export const MIN_SPAN_MS = 60_000;

/** A chart draws at most about this many points: more do not show on a screen's width, and cost each redraw. */
export const MAX_POINTS = 1600;

/**
 * At most about `max` of `points` to draw (all of them when they are fewer). Between breaks, the points go
 * in runs of a few; of each run the first, the last, those of the lowest and highest power and energy
 * and the ones right after the lowest and highest power are kept, so a spike, a dip or a step stays on
 * the chart as long as it was, and every break stays where it was.
 */
export function thinPoints(points: readonly Point[], max = MAX_POINTS): readonly Point[] {
  if (points.length <= max) return points;
  // Up to 8 points kept of each run of `size`.
  const size = Math.ceil((points.length * 8) / max);
  const out: Point[] = [];
  let from = 0;
  const flush = (to: number): void => {
    // points[from, to) hold no break.
    for (let a = from; a < to; a += size) {
      const b = Math.min(a + size, to);
      const keep = new Set([a, b - 1]);
      for (const key of ['kW', 'kWh'] as const) {
        let lo = -1;
        let hi = -1;
        for (let i = a; i < b; i++) {
          const v = points[i][key];
          if (v === null) continue;
          if (lo < 0 || v < points[lo][key]!) lo = i;
          if (hi < 0 || v > points[hi][key]!) hi = i;
        }
        if (lo < 0) continue;
        keep.add(lo).add(hi);
        // Power is drawn held until the next point: the reading after a low or a high ends it where it ended.
        if (key === 'kW') for (const i of [lo + 1, hi + 1]) if (i < b) keep.add(i);
      }
      for (const i of [...keep].sort((x, y) => x - y)) out.push(points[i]);
    }
  };
  for (let i = 0; i < points.length; i++) {
    if (points[i].kW !== null || points[i].kWh !== null) continue;
    flush(i);
    out.push(points[i]);
    from = i + 1;
  }
  flush(points.length);
  return out;
}

/**
 * An axis tick: a few significant digits, grouped as the user's locale groups them ("12,345", "7.4", "0.25",
 * "0.004"): a small value keeps its digits rather than reading 0.
 */
export function axisNumber(v: number): string {
  const a = Math.abs(v);
  if (a > 0 && a < 1) return v.toLocaleString(undefined, { maximumSignificantDigits: 3 });
  return v.toLocaleString(undefined, { maximumFractionDigits: a >= 100 ? 0 : a >= 10 ? 1 : 2 });
}

/**
 * The energy axis's unit: Wh while every energy drawn is under 1 kWh (a few Wh read "4", not "0.004"), as
 * the report's chart does; kWh otherwise. `scale` turns the plotted kWh into the unit.
 */
export function energyUnit(points: readonly Point[]): { unit: 'Wh' | 'kWh'; scale: number } {
  const top = Math.max(0, ...points.map((p) => Math.abs(p.kWh ?? 0)));
  return top < 1 ? { unit: 'Wh', scale: 1000 } : { unit: 'kWh', scale: 1 };
}

export interface MeterChartProps {
  samples: readonly MeterSample[];
  /** A transaction's meterStart: energy is then plotted as delivered in it; without one, as the register reads. */
  meterStart?: number;
  energyLabel?: string;
  height?: number;
  /** What to say while there is nothing to plot. */
  emptyText: string;
  'data-testid'?: string;
  /** Accessible name of the chart. */
  title: string;
  /** For tests: a fixed width (the chart measures its container otherwise). */
  width?: number;
  /**
   * Energies known besides the readings, drawn with them once there are readings (a finished session's
   * start at 0 and its stop at meterStop). None by default: a live chart draws only what was reported.
   */
  ends?: readonly EnergyAt[];
  /** The time axis's label (e.g. "Time (UTC+01:00)": the zone its clock times are in); none by default. */
  timeLabel?: string;
  /** A power the charger must stay under (a site's load limit, W): drawn as a dashed line on the power axis, labelled. */
  limitW?: number | null;
  /** The limit line's label; "Load limit 11.0 kW" by default. */
  limitLabel?: string;
}

export function MeterChart({ samples, meterStart, energyLabel = 'Energy (kWh)', height = 240, emptyText, title, width, ends, timeLabel, limitW, limitLabel, 'data-testid': testId }: MeterChartProps) {
  const theme = useTheme();
  const points = useMemo(() => {
    const read = thinPoints(toPoints(samples, meterStart));
    return ends?.length && read.length ? withEnds(read, ends) : read;
  }, [samples, meterStart, ends]);
  const first = points.length ? points[0].t.getTime() : 0;
  const read = points.length > 1 ? points[points.length - 1].t.getTime() - first : 0;
  // A single instant has no time scale to label: the axis then spans MIN_SPAN_MS around the readings.
  const pad = points.length && read < MIN_SPAN_MS ? (MIN_SPAN_MS - read) / 2 : 0;
  const span = read + 2 * pad;
  const hasPower = points.some((p) => p.kW !== null);
  const hasEnergy = points.some((p) => p.kWh !== null);
  const energy = energyUnit(points);
  // The limit is on the power axis, which reaches it (a line above the axis's top would not show).
  const limitKW = limitW !== undefined && limitW !== null && Number.isFinite(limitW) && limitW > 0 ? limitW / 1000 : null;
  const powerTop = Math.max(0, ...points.map((p) => p.kW ?? 0));
  return (
    <Box data-testid={testId} role="figure" aria-label={title} sx={{ height, position: 'relative' }}>
      {points.length === 0 ? (
        <Box sx={{ height: '100%', display: 'grid', placeItems: 'center', border: 1, borderStyle: 'dashed', borderColor: 'divider', borderRadius: 1, px: 2 }}>
          <Typography variant="body2" color="text.secondary" sx={{ textAlign: 'center' }}>
            {emptyText}
          </Typography>
        </Box>
      ) : (
        <LineChart
          height={height}
          width={width}
          skipAnimation
          dataset={points as unknown as Array<Record<string, number | Date | null>>}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          grid={{ horizontal: true }}
          xAxis={[
            {
              dataKey: 't',
              scaleType: 'time',
              ...(timeLabel ? { label: timeLabel } : {}),
              ...(pad ? { min: new Date(first - pad), max: new Date(first + read + pad) } : {}),
              tickNumber: 6,
              // Ticks no closer than what their labels show (a second, or a minute), so no label repeats.
              tickMinStep: span < 10 * 60_000 ? 1000 : 60_000,
              valueFormatter: (v: Date, ctx) => (ctx.location === 'tick' ? formatClock(v, { seconds: span < 10 * 60_000 }) : formatDateTime(v)),
            },
          ]}
          yAxis={[
            { id: 'power', position: 'left', label: 'kW', min: 0, width: 56, ...(limitKW !== null && limitKW >= powerTop ? { max: limitKW * 1.1 } : {}), valueFormatter: (v: number) => axisNumber(v) },
            { id: 'energy', position: 'right', label: energy.unit, width: 72, valueFormatter: (v: number) => axisNumber(v * energy.scale) },
          ]}
          series={[
            ...(hasPower
              ? [
                  {
                    dataKey: 'kW',
                    yAxisId: 'power',
                    label: 'Power (kW)',
                    color: theme.palette.primary.main,
                    area: true,
                    // Power is what the charger reported at each reading, held until the next one.
                    curve: 'stepAfter' as const,
                    showMark: 'end' as const,
                    valueFormatter: (v: number | null) => (v === null ? '—' : formatPower(v * 1000)),
                  },
                ]
              : []),
            ...(hasEnergy
              ? [
                  {
                    dataKey: 'kWh',
                    yAxisId: 'energy',
                    label: energy.unit === 'Wh' ? energyLabel.replace(/\(kWh\)/, '(Wh)') : energyLabel,
                    color: theme.palette.success.main,
                    curve: 'linear' as const,
                    showMark: 'end' as const,
                    valueFormatter: (v: number | null) => (v === null ? '—' : formatEnergy(v * 1000)),
                  },
                ]
              : []),
          ]}
          sx={{ [`& .${lineClasses.area}`]: { fillOpacity: 0.15 } }}
        >
          {limitKW !== null && (
            <ChartsReferenceLine
              y={limitKW}
              axisId="power"
              label={limitLabel ?? `Load limit ${formatPower(limitKW * 1000)}`}
              labelAlign="end"
              lineStyle={{ stroke: theme.palette.error.main, strokeDasharray: '6 4', strokeWidth: 2 }}
              labelStyle={{ fill: theme.palette.error.main, fontSize: 12 }}
            />
          )}
        </LineChart>
      )}
    </Box>
  );
}

/**
 * "7.4 kW · 1.52 kWh": the newest reading in words, next to a chart; `energyWh` in place of the register,
 * e.g. a transaction's energy so far. `running`: whether more readings can come (a session still running,
 * a connector's live card); when not (a session that ended or is not running), in the past, with its time:
 * "Last reading, at 10:02:03: 7.4 kW · 1.52 kWh", "No readings were recorded in this session", never "yet".
 */
export function readingText(reading: ReturnType<typeof latestReading>, energyWh: number | null | undefined = reading?.energyWh, running = true): string {
  if (!reading) return running ? 'No readings yet' : 'No readings were recorded in this session';
  const words = `${formatPower(reading.powerW)} · ${formatEnergy(energyWh)}`;
  return running ? words : `Last reading, at ${formatClock(reading.t)}: ${words}`;
}
