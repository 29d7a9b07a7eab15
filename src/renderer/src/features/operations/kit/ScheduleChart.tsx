// A charging schedule as a step chart: the limit in force over time, as the charger will apply it.
import { LineChart, lineClasses } from '@mui/x-charts/LineChart';
import type { ChargingSchedule } from '../../../../../shared/ocpp16';
import { formatClock } from '../../../components/format';

/** The chart's points: each period's start and limit, plus the end of the last one (held flat). */
export function schedulePoints(schedule: ChargingSchedule): { x: number[]; y: number[] } {
  const periods = [...schedule.chargingSchedulePeriod].sort((a, b) => a.startPeriod - b.startPeriod);
  const x = periods.map((p) => p.startPeriod);
  const y = periods.map((p) => p.limit);
  const lastStart = x[x.length - 1] ?? 0;
  const end = schedule.duration !== undefined && schedule.duration > lastStart ? schedule.duration : lastStart + Math.max(3600, Math.round(lastStart * 0.1));
  x.push(end);
  y.push(y[y.length - 1] ?? 0);
  return { x, y };
}

function offsetText(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `+${h} h${m ? ` ${m} min` : ''}` : `+${m} min`;
}

export function ScheduleChart({ schedule, start, height = 260 }: { schedule: ChargingSchedule; start?: string; height?: number }) {
  const { x, y } = schedulePoints(schedule);
  const t0 = start ? Date.parse(start) : NaN;
  const at = (s: number) => (Number.isNaN(t0) ? offsetText(s) : formatClock(t0 + s * 1000, { seconds: false }));
  const unit = schedule.chargingRateUnit;
  return (
    <LineChart
      height={height}
      xAxis={[{ data: x, scaleType: 'linear', valueFormatter: (v: number) => at(v), label: Number.isNaN(t0) ? 'From the start of the schedule' : 'Local time', min: x[0], max: x[x.length - 1] }]}
      yAxis={[{ label: unit === 'A' ? 'Amperes' : 'Watts', min: 0 }]}
      series={[{ data: y, curve: 'stepAfter', area: true, showMark: false, label: `Limit (${unit})`, valueFormatter: (v: number | null) => (v === null ? '' : `${v} ${unit}`) }]}
      hideLegend
      sx={{ [`& .${lineClasses.area}`]: { fillOpacity: 0.2 }, [`& .${lineClasses.line}`]: { strokeWidth: 2 } }}
    />
  );
}
