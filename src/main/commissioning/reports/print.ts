// What the commissioning report needs to read the same on paper as on screen: times with their zone, long
// values that wrap where they should (a comma-separated list at its commas, a key at its words) rather than
// anywhere, tables whose columns keep their share of an A4 page, and the words for a report made on a fake
// clock. The site summary uses the same times.
import type { CommissioningView } from '../../../shared/api/commissioning';
import { formatDateTimeWithZone } from '../../../shared/format/time';
import { esc } from '../../conformance/reports/html';

/** A time in a report: the bench's local time as its machine sets it, with the zone ("Dec 5, 2026, 03:02:05 PM UTC"). */
export const reportTime = (iso: string): string => formatDateTimeWithZone(iso);

/**
 * Said once at the top of a report made on a fake clock (`chargebench commission --virtual`), in the words
 * the conformance reports use for it ("charger time on a fake clock"); HTML.
 */
export const FAKE_CLOCK_NOTE =
  'Times in this report are charger time on a fake clock: <code>chargebench commission --virtual</code> ran the built-in virtual charger on a simulated clock that skips every wait, so the steps, the test session and the handover are stamped with its time, not the wall clock’s (a session shows its planned length though the run took seconds).';

/** Places a word may break where it reads well: after a dot or slash between letters (Energy.Active.Import.Register). */
const wordBreaks = (escaped: string): string => escaped.replace(/(?<=[A-Za-z])([./])(?=[A-Za-z])/g, '$1<wbr>');

/**
 * Text escaped for HTML that wraps where it reads well: a comma-separated list (MeterValuesSampledData) at
 * its commas, each item kept whole (a box of its own) unless it is wider than the column alone; then, and in
 * any other text, a word at its dots. Where none is enough (a long key), the cell's CSS breaks the word
 * anywhere (overflow-wrap), only there.
 */
export function breakable(text: unknown): string {
  const items = esc(text).split(/(?<=,)(?! )/);
  return items.length === 1 ? wordBreaks(items[0]!) : items.map((i) => `<span class="csl">${wordBreaks(i)}</span>`).join('<wbr>');
}

/**
 * The identity step's findings that say who the charger is (its BootNotification, plan.ts): the report's
 * Charger section lists them. What the step measured of its run (the clock difference, the heartbeat
 * interval and when the last heartbeat came before it) stays with the step.
 */
const IDENTITY_LABELS = new Set(['Vendor', 'Model', 'Charge point serial', 'Charge box serial', 'Firmware', 'Meter type', 'Meter serial', 'ICCID', 'IMSI']);
export const identityFindings = (view: Pick<CommissioningView, 'steps'>) => view.steps.find((s) => s.id === 'C3_IDENTITY')?.result?.measurements.filter((m) => IDENTITY_LABELS.has(m.label)) ?? [];

/**
 * The tables' layout, on screen and on paper: fixed columns with their share of the width (a long value
 * wraps in its own column instead of squeezing the others to a few characters, and the ✓ column stays in
 * the card), a value broken mid-word only where it has no better place (overflow-wrap, not word-break).
 */
export const PRINT_CSS = `table.measured,table.diff,table.checks{table-layout:fixed}td,th{overflow-wrap:anywhere}table.measured td:last-child,table.diff td:last-child{text-align:center;white-space:nowrap}.csl{display:inline-block;max-width:100%;vertical-align:top}
table.measured col.c-label{width:31%}table.measured col.c-value{width:33%}table.measured col.c-wanted{width:30%}table.measured col.c-ok{width:6%}
table.diff col.c-key{width:31%}table.diff col.c-wanted{width:22%}table.diff col.c-was{width:15%}table.diff col.c-now{width:15%}table.diff col.c-answer{width:11%}table.diff col.c-ok{width:6%}
table.checks col.c-check{width:40%}table.checks col.c-result{width:17%}table.checks col.c-measured{width:16%}table.checks col.c-note{width:27%}
@media print{body{margin:0 auto;padding:0;max-width:none}.case{padding:10px 12px}th,td{padding:3px 6px}}`;
