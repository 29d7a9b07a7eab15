// The configuration table's HeartbeatInterval against the charger's boots. The bench's BootNotification
// answer gives the charger its heartbeat interval, so a value read or set before the charger's last
// accepted boot is no longer the charger's: the interval the bench tracks as given to it (the charger's
// view's `heartbeatGiven`, which About this charger shows) stands in for it when it is newer, said as from
// the bench's answer to that boot. A boot the view's interval does not cover yet (the list of chargers not
// read again since it came) marks the value as possibly undone by it. From the charger's view in the
// store, so an open panel follows the charger's boots as they come.
import type { ChargerView } from '../../../../../shared/api/views';
import { isConfigKey } from '../../../components/configKey';
import { formatClock } from '../../../components/format';
import type { KeyRow } from './configurationRecord';

/** A row as the table shows it: its value read, set, or given by the bench's answer to a boot, and a boot after it. */
export type ShownRow = Omit<KeyRow, 'how'> & {
  /** Where the value comes from, when not from a read: a ChangeConfiguration accepted, or the bench's answer to a boot. */
  how?: 'set' | 'boot';
  /** The charger booted after the value was known (ISO): the bench's answer to that boot may have changed it. */
  bootSince?: string;
};

/** What of a charger tells its boots and the interval the bench gave it. */
export type BootsOf = Pick<ChargerView, 'heartbeatGiven' | 'lastBoot' | 'registrationStatus'>;

const later = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/**
 * The row as the charger's boots left it: for HeartbeatInterval known since `since` (ISO: its read, or the
 * accepted edit after it), the interval the bench tracks as given when that is newer (from a boot answer, a
 * change or a read), and the charger's last accepted boot when even that is newer (`bootSince`). Any other
 * key, or a charger not known, as it is.
 */
export function afterBoots(row: KeyRow, since: string, charger: BootsOf | undefined): ShownRow {
  if (!charger || !isConfigKey(row.key, 'HeartbeatInterval')) return row;
  const given = charger.heartbeatGiven;
  let shown: ShownRow = row;
  let at = since;
  if (given && Number.isInteger(given.seconds) && given.seconds >= 0 && later(given.at, since)) {
    // What the bench knows of now, not the record's last read: not last known.
    const { recorded: _recorded, how: _how, ...rest } = row;
    shown = { ...rest, value: String(given.seconds), readAt: given.at, ...(given.how !== 'read' && { how: given.how }) };
    at = given.at;
  }
  // Only an accepted boot is answered with an interval.
  const boot = charger.registrationStatus === 'Accepted' ? charger.lastBoot : null;
  return boot && later(boot, at) ? { ...shown, bootSince: boot } : shown;
}

/**
 * When an edit's CALL had gone out at the latest (the bench's clock), to tell a boot after it: when the
 * bench said it was sent, or else when its answer came (the bench's news that it was sent can come after
 * the answer, and is then not heard; a boot after the answer is after the send all the same).
 */
export const sentBy = (edit: { recorded?: { sentAt: string } | null; settledAt?: string | null } | undefined): string | null | undefined => edit?.recorded?.sentAt ?? edit?.settledAt;

/** Where a row's value comes from and when: "read at …", "set at …", "from the bench's answer to its boot at …", and a boot since. */
export function rowWhen(row: ShownRow): string {
  const when = row.how === 'boot' ? `from the bench's answer to its boot at ${formatClock(row.readAt)}` : `${row.how === 'set' ? 'set' : 'read'} at ${formatClock(row.readAt)}`;
  return row.bootSince ? `${when}; possibly undone by its boot at ${formatClock(row.bootSince)} (the bench's boot answer gives the interval)` : when;
}
