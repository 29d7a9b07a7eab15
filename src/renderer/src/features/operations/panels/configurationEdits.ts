// The configuration table's rows against the edits sent from the panel, and its short HeartbeatInterval
// notes. A row whose key the charger took in an edit since its read shows the edit's value, "set at" the
// time that edit's CALL went out (the bench's clock), not the time of a change before it. HeartbeatInterval
// lasts only until the charger's next boot when the bench's boot answer gives another interval: the panel's
// banner (kit/HeartbeatAdvice.tsx) says that in full, with its offer; the row says it in a few words of its
// own ("in effect until its next boot", "undone by its boot at …"), so the panel never says a sentence twice.
// A value read that differs from the interval the bench's boot answer gives says so on its row, once that
// interval is known.
import type { OperationResult } from '../../../../../shared/api/contract';
import { formatClock } from '../../../components/format';
import { isConfigKey } from '../../../components/configKey';
import type { Explained } from '../kit/meanings';
import type { OperationState } from '../kit/useOperation';
import { secondsOf, undoneAtBoot, untilBoot, type BootIntervalRead, type Rebooted } from '../kit/HeartbeatAdvice';
import { sentBy, type ShownRow } from './configurationBoot';
import type { KeyRow } from './configurationRecord';

/** Taken by the charger: the value is the key's now (or after a restart). */
export const taken = (e: Explained | undefined) => e?.status === 'Accepted' || e?.status === 'RebootRequired';

/**
 * A row as the panel's last edit of its key left it: with the value the charger took in an edit answered
 * after the row's read, set at the time of that edit's CALL (sentBy) and no longer from the record; and since
 * when its value is known (`since`: the edit's answer, or the read), to tell the bench's news after it.
 */
export function valueAfter(
  row: KeyRow,
  edit: OperationState<'ChangeConfiguration'> | undefined,
  explain: (action: 'ChangeConfiguration', result: OperationResult) => Explained,
): { row: KeyRow; since: string } {
  const answered = edit?.result && edit.settledAt && edit.settledAt > row.readAt ? edit.settledAt : null;
  if (!edit?.result || !answered || !taken(explain('ChangeConfiguration', edit.result))) return { row, since: row.readAt };
  // Known from this window's own change: not last known.
  const { recorded: _recorded, ...rest } = row;
  return { row: { ...rest, value: edit.request?.value, readAt: sentBy(edit) ?? answered, how: 'set' }, since: answered };
}

/**
 * The charger's answer to setting `key` to `value` as the row says it: for a HeartbeatInterval the bench's
 * boot answer undoes (untilBoot), a short note of its own, the banner saying it in full; as explained otherwise.
 */
export function rowUntilBoot(explained: Explained, key: string, value: string, boot: BootIntervalRead, rebooted: Rebooted | null): Explained {
  const said = untilBoot(explained, key, value, boot, rebooted);
  // untilBoot gives back the answer itself when the boot does not undo it.
  if (said === explained || boot.seconds === null) return said;
  const accepted = explained.status === 'Accepted';
  const meaning = rebooted
    ? accepted
      ? `Undone by its boot at ${formatClock(rebooted.at)}.`
      : `Never in effect: ${secondsOf(value)} s was undone by its restart at ${formatClock(rebooted.at)}.`
    : accepted
      ? `In effect until its next boot (then ${boot.seconds} s).`
      : `Stored for after a restart, whose boot answer gives ${boot.seconds} s instead.`;
  return { ...said, meaning };
}

/**
 * The note on a HeartbeatInterval row whose value differs from the interval the bench's next boot answer
 * gives the charger (known: not while it is read, nor when it could not be read); null otherwise, and when
 * the row's last change (`change`: the panel's edit of it, as the row says it) already says its boot undoes it.
 */
export function nextBootNote(row: ShownRow, boot: BootIntervalRead, change: { value?: string; explained?: Explained } | undefined): string | null {
  if (!isConfigKey(row.key, 'HeartbeatInterval') || row.value === undefined || !undoneAtBoot(row.value, boot)) return null;
  if (change?.value !== undefined && taken(change.explained) && change.value === row.value && undoneAtBoot(change.value, boot)) return null;
  return `The bench's next boot answer sets it to ${boot.seconds} s.`;
}
