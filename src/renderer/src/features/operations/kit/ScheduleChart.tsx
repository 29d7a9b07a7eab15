// A charging schedule as a step chart: the limit in force over time, as the charger will apply it.
import { LineChart, lineClasses } from '@mui/x-charts/LineChart';
import type { ChargingSchedule } from '../../../../../shared/ocpp16';
import { formatClock, formatDate, formatDateTime } from '../../../components/format';
import { formatDuration } from '../../../../../shared/format/time';

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

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
/** Steps between ticks a person reads at a glance (s); past a week, whole weeks. */
const STEPS = [1, 2, 5, 10, 15, 30, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];
/** At most about this many ticks on the axis. */
const TICKS = 6;

/** An offset to the minute: "+45 min", "+2 h 30 min", "+3 d 6 h". */
function offsetText(s: number): string {
  const d = Math.floor(s / DAY);
  const h = Math.floor((s % DAY) / HOUR);
  const m = Math.floor((s % HOUR) / MINUTE);
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean);
  return `+${parts.join(' ') || '0 min'}`;
}

const dayOf = (t: number) => new Date(t).toDateString();

export interface ScheduleAxis {
  /** Where the ticks go (s from the start of the schedule). */
  ticks: number[];
  /** A tick's label: none repeats. */
  tickLabel: (s: number) => string;
  /** A point's time in full (the tooltip). */
  pointLabel: (s: number) => string;
}

/**
 * The time axis of a schedule drawn from `from` to `to` (s from its start): ticks a round step apart, and
 * labels that name each tick apart from the others, whatever the span: with seconds when the step is
 * under a minute, with the date where the day changes (on every tick when it spans a day or more).
 * `startMs`: when the schedule starts (the axis then reads in local time); NaN: unknown (offsets).
 */
export function scheduleAxis(from: number, to: number, startMs: number): ScheduleAxis {
  const span = Math.max(to - from, 1);
  const step = STEPS.find((s) => span / s <= TICKS) ?? Math.ceil(span / TICKS / (7 * DAY)) * 7 * DAY;
  const ticks: number[] = [];
  const labels = new Map<number, string>();
  const seconds = step < MINUTE;
  if (Number.isNaN(startMs)) {
    for (let s = Math.ceil(from / step) * step; s <= to; s += step) ticks.push(s);
    for (const s of ticks) labels.set(s, seconds ? `+${formatDuration(s * 1000)}` : offsetText(s));
    return { ticks, tickLabel: (s) => labels.get(s) ?? offsetText(s), pointLabel: (s) => `+${formatDuration(s * 1000)}` };
  }
  const at = (s: number) => startMs + s * 1000;
  const first = new Date(at(from));
  if (step >= DAY) {
    // Local midnights, a whole number of days apart (a day is not always 24 h).
    const d = new Date(first.getFullYear(), first.getMonth(), first.getDate());
    if (d.getTime() < at(from)) d.setDate(d.getDate() + 1);
    for (; d.getTime() <= at(to); d.setDate(d.getDate() + step / DAY)) ticks.push((d.getTime() - startMs) / 1000);
  } else {
    // On the local clock's round times (14:00, 14:15, ...), counted from the first day's midnight.
    const midnight = new Date(first.getFullYear(), first.getMonth(), first.getDate()).getTime();
    for (let t = midnight + Math.ceil((at(from) - midnight) / (step * 1000)) * step * 1000; t <= at(to); t += step * 1000) ticks.push((t - startMs) / 1000);
  }
  const oneDay = new Set(ticks.map((s) => dayOf(at(s)))).size <= 1;
  ticks.forEach((s, i) => {
    const t = at(s);
    const dated = step >= DAY ? null : oneDay ? false : to - from >= DAY || i === 0 || dayOf(at(ticks[i - 1])) !== dayOf(t);
    labels.set(s, dated === null ? formatDate(t) : dated ? formatDateTime(t, { seconds }) : formatClock(t, { seconds }));
  });
  // Whatever the clock does (a time repeated as summer time ends), two ticks never read the same.
  if (new Set(labels.values()).size < labels.size) for (const s of ticks) labels.set(s, formatDateTime(at(s)));
  const inOneDay = dayOf(at(from)) === dayOf(at(to));
  return { ticks, tickLabel: (s) => labels.get(s) ?? formatDateTime(at(s)), pointLabel: (s) => (inOneDay ? formatClock(at(s)) : formatDateTime(at(s))) };
}

export function ScheduleChart({ schedule, start, height = 260, width }: { schedule: ChargingSchedule; start?: string; height?: number; /** For tests: a fixed width. */ width?: number }) {
  const { x, y } = schedulePoints(schedule);
  const t0 = start ? Date.parse(start) : NaN;
  const axis = scheduleAxis(x[0], x[x.length - 1], t0);
  const unit = schedule.chargingRateUnit;
  return (
    <LineChart
      height={height}
      width={width}
      xAxis={[
        {
          data: x,
          scaleType: 'linear',
          tickInterval: axis.ticks,
          valueFormatter: (v: number, ctx) => (ctx.location === 'tick' ? axis.tickLabel(v) : axis.pointLabel(v)),
          label: Number.isNaN(t0) ? 'From the start of the schedule' : 'Local time',
          min: x[0],
          max: x[x.length - 1],
        },
      ]}
      yAxis={[{ label: unit === 'A' ? 'Amperes' : 'Watts', min: 0 }]}
      series={[{ data: y, curve: 'stepAfter', area: true, showMark: false, label: `Limit (${unit})`, valueFormatter: (v: number | null) => (v === null ? '' : `${v} ${unit}`) }]}
      hideLegend
      sx={{ [`& .${lineClasses.area}`]: { fillOpacity: 0.2 }, [`& .${lineClasses.line}`]: { strokeWidth: 2 } }}
    />
  );
}
