// The configuration table's rows and how a read's answer merges into it (configurationTable.ts keeps it
// per charger for the panel); and the table as the bench's record last knew it, for a window that has read
// none yet (the app restarted, a page opened in a new browser): the charger's newest configuration
// operations, one bounded read of the record (operations:list with the `actions` filter; nothing sent to
// the charger), merged from the oldest to the newest as the panel merges its own reads: a read of every
// key replaces the table, a read of some keys refreshes those rows, and a ChangeConfiguration the charger
// accepted after a read sets its key's value. Each row keeps the time of the read or change that gave it,
// and is marked as from the record (last known, not read since this window opened).
import type { OperationView } from '../../../../../shared/api/views';
import { acceptedChangeOf, CONFIG_ACTIONS, isConfigKey, reportedKeysOf, unknownKeysOf, type ReportedKey } from '../../../components/configKey';

export interface KeyRow {
  key: string;
  readonly: boolean;
  value?: string;
  /** When the read (or the accepted change, `how: 'set'`) that gave it was answered (ISO). */
  readAt: string;
  /** Its value is one the charger accepted in a ChangeConfiguration after the read (from the record). */
  how?: 'set';
  /** From the bench's record, not read since this window opened: last known. */
  recorded?: true;
}

/** The configuration as read: its rows, when last read, and the keys the charger said in it that it does not know. */
export interface ReadTable {
  rows: KeyRow[];
  /** The newest read's answer. */
  readAt: string;
  unknown: string[];
  /** The read last taken into it (its name and when it was answered); null for one rebuilt from the record. */
  took: string | null;
  /**
   * Rebuilt from the record without a read of every key among the operations looked at (CONFIG_TABLE_LOOK_BACK):
   * only the keys read one at a time are known, not the whole configuration. A read of every key ends it.
   */
  partial?: true;
}

/** One read's answer: its keys, those it did not know, whether it asked for some keys only, and when it came. */
export interface ReadAnswer {
  keys: ReportedKey[];
  unknown: string[];
  some: boolean;
  readAt: string;
}

/** The table after a read's answer: a read of every key replaces it, a read of some keys refreshes those rows and keeps the rest. */
export function mergeRead(prev: ReadTable | null, answer: ReadAnswer, took: string | null): ReadTable {
  const { readAt, unknown } = answer;
  const got: KeyRow[] = answer.keys.map((r) => ({ ...r, readAt }));
  if (!answer.some || !prev) return { rows: got, readAt, unknown, took };
  // OCPP keys are matched without regard to case: a key read again under another case is the same row.
  const byKey = new Map(prev.rows.map((r) => [r.key.toLowerCase(), r]));
  for (const r of got) byKey.set(r.key.toLowerCase(), r);
  // Still not the whole configuration: a read of some keys adds only those.
  return { rows: [...byKey.values()], readAt, unknown, took, ...(prev.partial && { partial: true as const }) };
}

/** The operations the table is rebuilt from. */
export const CONFIG_TABLE_ACTIONS = CONFIG_ACTIONS;
/**
 * How many of the charger's newest configuration reads and changes are looked at (a read of every key is
 * large). They are the newest in a row: nothing between the oldest read among them and now is left out.
 */
export const CONFIG_TABLE_LOOK_BACK = 20;

/** When the bench learnt what an operation told (its answer; its sending when the record has no answer time). */
const atOf = (o: OperationView) => o.finishedAt ?? o.sentAt;

/** Whether a GetConfiguration asked for some keys only (a read of every key sends no key list). */
const someKeys = (o: OperationView) => {
  const keys = (o.request as { key?: unknown } | null)?.key;
  return Array.isArray(keys) && keys.length > 0;
};

/** The table after a change the charger accepted: its key's row takes the value (a key not read yet is added, writable: it took the change). */
function afterChange(table: ReadTable, change: { key: string; value: string }, at: string): ReadTable {
  const i = table.rows.findIndex((r) => isConfigKey(r.key, change.key));
  const row: KeyRow = { ...(i >= 0 ? table.rows[i]! : { key: change.key, readonly: false }), value: change.value, readAt: at, how: 'set' };
  return { ...table, rows: i >= 0 ? table.rows.map((r, j) => (j === i ? row : r)) : [...table.rows, row] };
}

/**
 * The table from a charger's recorded configuration operations (as operations:list gives them, newest
 * first): null when none of them is a read the charger answered (a change alone is no table). Without a
 * read of every key among them it is `partial`: the keys read one at a time, not the whole configuration.
 */
export function tableFromRecord(ops: readonly OperationView[]): ReadTable | null {
  // Oldest first: in the order the bench sent them (one call at a time, so also the order of their answers).
  const inOrder = [...ops].sort((a, b) => a.id - b.id);
  let table: ReadTable | null = null;
  let whole = false;
  for (const o of inOrder) {
    if (o.outcome !== 'completed') continue;
    if (o.action === 'GetConfiguration') {
      const some = someKeys(o);
      whole ||= !some;
      table = mergeRead(table, { keys: reportedKeysOf(o.response), unknown: unknownKeysOf(o.response), some, readAt: atOf(o) }, null);
    } else if (table) {
      const change = acceptedChangeOf(o);
      if (change) table = afterChange(table, change, atOf(o));
    }
  }
  return table && { ...table, rows: table.rows.map((r) => ({ ...r, recorded: true })), ...(!whole && { partial: true as const }) };
}
