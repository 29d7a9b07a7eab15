// The exit status of a `chargebench test` run that has ended (a run stopped by a signal is 130 or 143
// before this is asked): 3 when a report could not be written, else 1 when a case failed or erred (or the
// bench failed), else 5 when nothing was concluded, else 0 (README, Exit status). Nothing concluded: no
// case passed (every case run was inconclusive, did not apply or is not supported yet), or with --strict a
// case was inconclusive, or a case needed a person at the charger and nobody could be asked (a run without a
// terminal); a CI that certified nothing does not go green. Also the summary's lines of what the run changed
// on the charger: the firmware it left, the sessions it ended before its first case.
import type { RunResult, RunSummary } from '../conformance/types';
import { exitStatus } from './interrupt';
import { firmwareEndWords } from '../conformance/firmware-end';
import { setupEndedWords } from '../../shared/api/setup-ended-words';
import { formatClock } from '../../shared/format/time';
import { ranOnFakeTime } from '../../shared/api/test-runs';

/** "1 case inconclusive", "2 not applicable": a verdict's count, the first with its noun. */
function counts(parts: Array<[number, string]>): string {
  return parts
    .filter(([n]) => n > 0)
    .map(([n, words], i) => (i === 0 ? `${n} case${n === 1 ? '' : 's'} ${words}` : `${n} ${words}`))
    .join(', ');
}

/**
 * Why a run in which no case failed or erred concluded nothing, as the line that says so (it names exit
 * status 5); null when it concluded something (a case passed and, with `strict`, none was inconclusive,
 * and no case was left inconclusive for want of a person: `noOperator` counts those).
 */
export function nothingConcluded(s: RunSummary, strict: boolean, noOperator = 0): string | null {
  if (s.pass > 0 && !(strict && s.inconclusive > 0) && noOperator === 0) return null;
  const unasked = `${noOperator} needed a person at the charger and nobody could be asked`;
  if (s.pass > 0 && noOperator > 0)
    return `Inconclusive for want of a person: ${counts([[noOperator, 'needed a person at the charger and nobody could be asked']])}; ${s.pass} passed, none failed (exit status ${exitStatus.nothingConcluded})`;
  if (s.pass > 0) return `Inconclusive under --strict: ${counts([[s.inconclusive, 'inconclusive']])}, ${s.pass} passed, none failed (exit status ${exitStatus.nothingConcluded})`;
  const ran = counts([
    [s.inconclusive, 'inconclusive'],
    [s.notApplicable, 'not applicable'],
    [s.notSupported, 'not supported yet'],
  ]);
  return `Nothing concluded: ${ran ? `${ran}, none passed` : 'no case ran'}${noOperator ? `; ${unasked}` : ''} (exit status ${exitStatus.nothingConcluded})`;
}

/** The exit status of a run that has ended, its reports `written` or not: 3, then 1, then 5, then 0. `noOperator`: as nothingConcluded. */
export function runExitStatus(run: Pick<RunResult, 'summary' | 'error'>, written: boolean, strict: boolean, noOperator = 0): number {
  if (!written) return exitStatus.reportNotWritten;
  if (run.summary.fail + run.summary.error > 0 || run.error) return exitStatus.failed;
  return nothingConcluded(run.summary, strict, noOperator) ? exitStatus.nothingConcluded : exitStatus.ok;
}

/**
 * The summary's line for a run that left another firmware on the charger than it found: the reports' words
 * (firmware-end.ts: replaced by a case's UpdateFirmware and not restored, or changed during the run), or null
 * when the run says nothing of it (the same firmware, the end not known, or a start not known with no case
 * that installed one).
 */
export function firmwareLine(run: Pick<RunResult, 'charger' | 'firmwareAtEnd' | 'firmwareReplacedBy'>): string | null {
  const start = run.charger.firmware;
  const end = run.firmwareAtEnd;
  if (end === undefined || end === start || (start === null && !run.firmwareReplacedBy)) return null;
  return firmwareEndWords(start, end, run.firmwareReplacedBy);
}

/**
 * The summary's line for the sessions the run ended before its first case (a customer's too), as the reports
 * say it, its times as the terminal's other lines write them (local): "Before the first case the run ended 1
 * session running on the charger (RemoteStopTransaction): transaction 6 on connector 1 (idTag ABC), ended at
 * 10:02:03."; null when it ended none.
 */
export function setupEndedLine(run: Pick<RunResult, 'setupEnded' | 'fakeTime' | 'virtual' | 'ms' | 'wallMs'>): string | null {
  const fake = ranOnFakeTime(run);
  const words = setupEndedWords(run.setupEnded, (iso) => `${formatClock(iso)}${fake ? ' (fake clock)' : ''}`);
  return words && `${words}.`;
}
