// A meter chart: power (kW, left axis) and energy (kWh, right axis) over time, as the charger reported
// them in MeterValues. Shared by the charger's live connector charts and the transaction detail.
import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { LineChart, lineClasses } from '@mui/x-charts/LineChart';
import { deliveredWh, type MeterSample } from '../../../shared/api/meter';
import { formatEnergy, formatPower } from './format';

/** The newest power and energy reading (each may come from a different sample when a charger sends them apart). */
export function latestReading(samples: readonly MeterSample[]): { t: number; powerW?: number; energyWh?: number } | null {
  if (!samples.length) return null;
  let powerW: number | undefined;
  let energyWh: number | undefined;
  for (let i = samples.length - 1; i >= 0 && (powerW === undefined || energyWh === undefined); i--) {
    powerW ??= samples[i].powerW;
    energyWh ??= samples[i].energyWh;
  }
  return { t: samples[samples.length - 1].t, powerW, energyWh };
}

interface Point {
  t: Date;
  kW: number | null;
  kWh: number | null;
}

// A pause in reporting longer than this (or five typical intervals) is drawn as a gap, not a straight line
// across hours without data.
const MIN_GAP_MS = 5 * 60_000;

function toPoints(samples: readonly MeterSample[], meterStart: number | undefined): Point[] {
  const steps: number[] = [];
  for (let i = 1; i < samples.length; i++) steps.push(samples[i].t - samples[i - 1].t);
  steps.sort((a, b) => a - b);
  const typical = steps.length ? steps[Math.floor(steps.length / 2)] : 0;
  const gap = Math.max(MIN_GAP_MS, typical * 5);
  const points: Point[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (i > 0 && s.t - samples[i - 1].t > gap) points.push({ t: new Date(samples[i - 1].t + 1), kW: null, kWh: null });
    points.push({
      t: new Date(s.t),
      kW: s.powerW === undefined ? null : s.powerW / 1000,
      kWh: s.energyWh === undefined ? null : (meterStart === undefined ? s.energyWh : deliveredWh(s.energyWh, meterStart)) / 1000,
    });
  }
  return points;
}

const clock = (d: Date, seconds: boolean) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined });

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
}

export function MeterChart({ samples, meterStart, energyLabel = 'Energy (kWh)', height = 240, emptyText, title, 'data-testid': testId }: MeterChartProps) {
  const theme = useTheme();
  const points = useMemo(() => toPoints(samples, meterStart), [samples, meterStart]);
  const span = points.length > 1 ? points[points.length - 1].t.getTime() - points[0].t.getTime() : 0;
  const hasPower = points.some((p) => p.kW !== null);
  const hasEnergy = points.some((p) => p.kWh !== null);
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
          skipAnimation
          dataset={points as unknown as Array<Record<string, number | Date | null>>}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          grid={{ horizontal: true }}
          xAxis={[
            {
              dataKey: 't',
              scaleType: 'time',
              tickNumber: 6,
              valueFormatter: (v: Date, ctx) => (ctx.location === 'tick' ? clock(v, span < 10 * 60_000) : v.toLocaleString()),
            },
          ]}
          yAxis={[
            { id: 'power', position: 'left', label: 'kW', min: 0, width: 52 },
            { id: 'energy', position: 'right', label: 'kWh', width: 60 },
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
                    label: energyLabel,
                    color: theme.palette.success.main,
                    showMark: 'end' as const,
                    valueFormatter: (v: number | null) => (v === null ? '—' : formatEnergy(v * 1000)),
                  },
                ]
              : []),
          ]}
          sx={{ [`& .${lineClasses.area}`]: { fillOpacity: 0.15 } }}
        />
      )}
    </Box>
  );
}

/** "7.4 kW · 1.52 kWh": the newest reading in words, next to a chart; `energyWh` in place of the register, e.g. a transaction's energy so far. */
export function readingText(reading: ReturnType<typeof latestReading>, energyWh: number | null | undefined = reading?.energyWh): string {
  if (!reading) return 'No readings yet';
  return `${formatPower(reading.powerW)} · ${formatEnergy(energyWh)}`;
}
