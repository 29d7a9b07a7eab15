// The charger's firmware as a run leaves it. A firmware case (TC_044_1_CS) installs the test's file (the
// bench's dummy image, or the test data's firmwareLocation): the bench cannot put the earlier firmware back,
// so the case names it as not put back, and the run records the firmware at its end (from the charger's last
// BootNotification during the run) beside the one at its start, and says it was replaced and not restored.
import type { SeenFrame } from './frames';
import type { RunResult } from './types';

const payloadOf = (f: SeenFrame): Record<string, unknown> => {
  try {
    const body = (JSON.parse(f.raw) as unknown[])[3];
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** The firmwareVersion of the charger's last BootNotification among `frames`: undefined when it sent none, null when it gave none. */
export function lastBootFirmware(frames: SeenFrame[]): string | null | undefined {
  const boot = frames.findLast((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'BootNotification' && !f.error);
  if (!boot) return undefined;
  const v = payloadOf(boot).firmwareVersion;
  return typeof v === 'string' ? v : null;
}

/** The location of the last UpdateFirmware the bench sent among `frames` (credentials left out), or null. */
function updateLocation(frames: SeenFrame[]): string | null {
  const call = frames.findLast((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'UpdateFirmware');
  const location = call ? payloadOf(call).location : undefined;
  return typeof location === 'string' ? location.replace(/\/\/[^@/]*@/, '//') : null;
}

const shown = (v: string | null) => v ?? 'an unnamed firmware';

export interface FirmwareAfterCase {
  /** The firmware the charger runs after the case. */
  now: string | null;
  /** The case installed a firmware from its UpdateFirmware: what and from where (null: it did not). */
  replaced: { caseId: string; location: string } | null;
  /** The words for the case's cleanupProblems (null: nothing to say). */
  problem: string | null;
}

/**
 * The firmware after a case, from its frames (`frames`: those of the case and of putting the charger back),
 * given the one before it. A case whose UpdateFirmware was followed by a BootNotification with another
 * firmware replaced the charger's firmware with the test's file, which the bench does not undo.
 */
export function firmwareAfterCase(caseId: string, frames: SeenFrame[], before: string | null): FirmwareAfterCase {
  const booted = lastBootFirmware(frames);
  if (booted === undefined || booted === before) return { now: before, replaced: null, problem: null };
  const location = updateLocation(frames);
  if (location === null) return { now: booted, replaced: null, problem: null };
  return {
    now: booted,
    replaced: { caseId, location },
    problem: `the charger's firmware was replaced by the test's file and not restored: it runs ${shown(booted)} now (${shown(before)} before ${caseId}; UpdateFirmware location ${location}); the bench cannot put the earlier firmware back: install it again before testing that firmware`,
  };
}

/**
 * The run's firmware at its end (from the charger's last BootNotification during the run; the start's when
 * it sent none), and, when it differs from the start's, what the run says of it at its end. A start the
 * record did not tell (no BootNotification with a firmwareVersion before the run) is no change to report,
 * unless a case installed the test's file.
 */
export function firmwareAtRunEnd(run: RunResult, frames: SeenFrame[], replaced: FirmwareAfterCase['replaced']): Pick<RunResult, 'firmwareAtEnd' | 'firmwareReplacedBy' | 'notPutBackAtEnd'> {
  const booted = lastBootFirmware(frames);
  const start = run.charger.firmware;
  const end = booted === undefined ? start : booted;
  if (end === start || (start === null && !replaced)) return { firmwareAtEnd: end };
  const words = firmwareEndWords(start, end, replaced);
  return { firmwareAtEnd: end, ...(replaced && { firmwareReplacedBy: replaced }), notPutBackAtEnd: [words] };
}

/**
 * What the run says of a firmware at its end other than at its start (`start` null: not known), for the
 * reports and the CLI's summary alike: replaced by a case's UpdateFirmware (the test's file) and not
 * restored, or changed during the run.
 */
export function firmwareEndWords(start: string | null, end: string | null, replaced: FirmwareAfterCase['replaced'] | undefined): string {
  const by = replaced && replaced.caseId ? ` by ${replaced.caseId}'s UpdateFirmware (location ${replaced.location})` : '';
  if (!replaced)
    return `The charger's firmware changed during the run: it ran ${shown(start)} at the start and runs ${shown(end)} at the end (its last BootNotification); the bench did not put it back`;
  if (start === null)
    return `The charger's firmware was replaced by the test's file${by} and not restored: it runs ${shown(end)} at the end of the run; its firmware at the start was not known (no BootNotification told it): install the firmware to test again before testing it`;
  return `The charger's firmware was replaced by the test's file${by} and not restored: it ran ${shown(start)} at the start of the run and runs ${shown(end)} at its end; install ${shown(start)} again before testing that firmware`;
}
