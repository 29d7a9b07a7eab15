// The configuration table of the Configuration keys panel, merged from its GetConfiguration reads: a read
// of every key replaces it, a read of some keys refreshes those rows and keeps the rest, each row with the
// time of the read that gave it. Kept per charger outside the panel (stores/operations.ts), so the table
// shown again after leaving the panel is the one left, not just the last read's keys. When there is none
// (the app restarted, a page opened in a new browser) it is rebuilt from the bench's record of the charger's
// recent reads and accepted changes (configurationRecord.ts), its rows marked as from the record: last known.
import { useEffect, useState } from 'react';
import { useClient } from '../../../api/context';
import type { BenchClient } from '../../../api/client';
import { formatClock } from '../../../components/format';
import { reportedKeysOf, unknownKeysOf } from '../../../components/configKey';
import { keepFor, useKept, usePanelKept } from '../../../stores/operations';
import type { OperationState } from '../kit/useOperation';
import { CONFIG_TABLE_ACTIONS, CONFIG_TABLE_LOOK_BACK, mergeRead, tableFromRecord, type ReadTable } from './configurationRecord';

export type { KeyRow, ReadTable } from './configurationRecord';

/** The read as `took` names it: null until it was answered. */
const readName = (read: OperationState<'GetConfiguration'>) => (read.action === 'GetConfiguration' && read.settledAt ? `${read.ref ?? ''}|${read.settledAt}` : null);

/** The table after a read: reading some keys refreshes those rows and keeps the rest (with their own read's time). */
export function afterRead(prev: ReadTable | null, read: OperationState<'GetConfiguration'>): ReadTable | null {
  const took = readName(read);
  if (read.result?.outcome !== 'completed' || !read.settledAt) return prev && { ...prev, took };
  const { response } = read.result;
  return mergeRead(prev, { keys: reportedKeysOf(response), unknown: unknownKeysOf(response), some: Boolean(read.request?.key?.length), readAt: read.settledAt }, took);
}

const KEPT = 'GetConfiguration:table';

/** What was kept as the table for a charger with this client, read now (not in a component). */
const keptNow = (client: BenchClient, chargerId: string) => {
  const s = usePanelKept.getState();
  return s.client === client ? s.kept[chargerId]?.[KEPT] : undefined;
};

/** Rebuilding the table from the record: under way, or what stopped it (null: not asked, or done). */
export interface FromRecord {
  loading: boolean;
  failed: string | null;
}

/**
 * The charger's table as merged from the panel's reads, the last one (`read`, the panel's slot) taken in.
 * With none kept, it is rebuilt once from the bench's record (its newest configuration reads and changes,
 * one bounded call, nothing sent to the charger); a read taken meanwhile is not overwritten.
 */
export function useConfigurationTable(chargerId: string, read: OperationState<'GetConfiguration'>): { table: ReadTable | null; fromRecord: FromRecord } {
  const client = useClient();
  const kept = useKept<ReadTable>(client, chargerId, KEPT) ?? null;
  const name = readName(read);
  // A read answered since (while the panel was away, or just now) is taken up at once, and kept.
  const table = name !== null && kept?.took !== name ? afterRead(kept, read) : kept;
  useEffect(() => {
    if (table && table !== kept) keepFor(client, chargerId, KEPT, table);
  }, [client, chargerId, table, kept]);

  const empty = table === null;
  const [fromRecord, setFromRecord] = useState<FromRecord & { of: string }>({ of: '', loading: false, failed: null });
  useEffect(() => {
    if (!empty) return;
    let live = true;
    setFromRecord({ of: chargerId, loading: true, failed: null });
    client.call('operations:list', { chargerId, actions: [...CONFIG_TABLE_ACTIONS], limit: CONFIG_TABLE_LOOK_BACK }).then(
      (ops) => {
        // Not once a read was taken meanwhile (or the panel left, or another client came): that stands.
        if (!live) return;
        const rebuilt = tableFromRecord(ops);
        if (rebuilt && keptNow(client, chargerId) === undefined) keepFor(client, chargerId, KEPT, rebuilt);
        setFromRecord({ of: chargerId, loading: false, failed: null });
      },
      (e: unknown) => live && setFromRecord({ of: chargerId, loading: false, failed: e instanceof Error ? e.message : String(e) }),
    );
    return () => void (live = false);
  }, [client, chargerId, empty]);
  const asked = fromRecord.of === chargerId && empty;
  return { table, fromRecord: { loading: asked && fromRecord.loading, failed: asked ? fromRecord.failed : null } };
}

/** When the rows shown were read: "at 10:02:03", or "from 10:00:01 to 10:02:03" when they came from several reads. */
export function readWords(table: ReadTable): string {
  // A value set since its read is not a read: its row says when it was set.
  const times = table.rows.filter((r) => r.how !== 'set').map((r) => Date.parse(r.readAt));
  const first = times.length ? new Date(Math.min(...times)).toISOString() : table.readAt;
  return first === table.readAt || formatClock(first) === formatClock(table.readAt) ? `at ${formatClock(table.readAt)}` : `from ${formatClock(first)} to ${formatClock(table.readAt)}`;
}
