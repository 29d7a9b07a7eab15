// A re-run as every face and report says it: the run whose failed cases it repeats (its id, when it
// started), and a firmware on the charger other than the one that run started with: the verdicts are for
// the firmware the charger runs, not for the earlier run's.
import { wallTimes, type RerunOf, type RunResult } from './test-runs';

/** What a re-run keeps of the run it repeats: its id, when it started on the wall clock, the firmware at its start. */
export const rerunOrigin = (earlier: RunResult): RerunOf => ({ id: earlier.id, startedAt: wallTimes(earlier).started, firmware: earlier.charger.firmware });

/** "Re-run of the failed, erred or inconclusive cases of run X (started <when>, on firmware 2.3.1)"; `clock` writes the time. */
export function rerunOfWords(o: RerunOf, clock: (iso: string) => string = (iso) => iso): string {
  return `Re-run of the failed, erred or inconclusive cases of run ${o.id} (started ${clock(o.startedAt)}, on firmware ${o.firmware ?? 'not known'})`;
}

/**
 * The charger's firmware against the one the earlier run started with, in words; null when they are the same
 * (or neither is known). `now`: the firmware the re-run is for (the charger's last BootNotification before it
 * starts; the re-run's own at its start, in its reports); `ran`: the re-run has run (its reports); `booted`: a
 * BootNotification of the charger is known at all (none: it has not told its firmware since the bench knows it).
 */
export function rerunFirmwareWords(chargerId: string, now: string | null, earlier: RerunOf, ran = false, booted = true): string | null {
  if (now === earlier.firmware) return null;
  const verdicts = ran ? 'these verdicts are' : 'these verdicts will be';
  if (now === null)
    return `${chargerId} has not said which firmware it ${ran ? 'ran in this run' : 'runs now'} (${booted ? 'no firmwareVersion in its last BootNotification' : 'no BootNotification of it is known'}); run ${earlier.id} ran on ${earlier.firmware}: ${verdicts} for whatever it runs, perhaps not ${earlier.firmware}`;
  const runs = ran ? `${chargerId} ran ${now} in this run` : `${chargerId} now runs ${now}`;
  if (earlier.firmware === null) return `${runs}; the firmware run ${earlier.id} ran on was not known (no BootNotification told it): ${verdicts} for ${now}`;
  return `${runs}; run ${earlier.id} ran on ${earlier.firmware}: ${verdicts} for ${now}`;
}
