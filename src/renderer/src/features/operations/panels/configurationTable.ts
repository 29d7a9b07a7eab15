// The configuration table of the Configuration keys panel, merged from its GetConfiguration reads: a read
// of every key replaces it, a read of some keys refreshes those rows and keeps the rest, each row with the
// time of the read that gave it. Kept per charger outside the panel (stores/operations.ts), so the table
// shown again after leaving the panel is the one left, not just the last read's keys.
import { useEffect } from 'react';
import { useClient } from '../../../api/context';
import { formatClock } from '../../../components/format';
import { keepFor, useKept } from '../../../stores/operations';
import type { OperationState } from '../kit/useOperation';

export interface KeyRow {
  key: string;
  readonly: boolean;
  value?: string;
  /** When the read that gave it was answered (this window's clock, ISO). */
  readAt: string;
}

/** The configuration as read: its rows, when last read, and the keys the charger said in it that it does not know. */
export interface ReadTable {
  rows: KeyRow[];
  /** The newest read's answer. */
  readAt: string;
  unknown: string[];
  /** The read last taken into it (its name and when it was answered). */
  took: string | null;
}

/** The read as `took` names it: null until it was answered. */
const readName = (read: OperationState<'GetConfiguration'>) => (read.action === 'GetConfiguration' && read.settledAt ? `${read.ref ?? ''}|${read.settledAt}` : null);

/** The table after a read: reading some keys refreshes those rows and keeps the rest (with their own read's time). */
export function afterRead(prev: ReadTable | null, read: OperationState<'GetConfiguration'>): ReadTable | null {
  const took = readName(read);
  if (read.result?.outcome !== 'completed' || !read.settledAt) return prev && { ...prev, took };
  const readAt = read.settledAt;
  const got = ((read.result.response.configurationKey ?? []) as unknown as Omit<KeyRow, 'readAt'>[]).map((r) => ({ ...r, readAt }));
  const unknown = (read.result.response.unknownKey ?? []) as unknown as string[];
  if (!read.request?.key?.length || !prev) return { rows: got, readAt, unknown, took };
  const byKey = new Map(prev.rows.map((r) => [r.key, r]));
  for (const r of got) byKey.set(r.key, r);
  return { rows: [...byKey.values()], readAt, unknown, took };
}

const KEPT = 'GetConfiguration:table';

/** The charger's table as merged from the panel's reads, the last one (`read`, the panel's slot) taken in. */
export function useConfigurationTable(chargerId: string, read: OperationState<'GetConfiguration'>): ReadTable | null {
  const client = useClient();
  const kept = useKept<ReadTable>(client, chargerId, KEPT) ?? null;
  const name = readName(read);
  // A read answered since (while the panel was away, or just now) is taken up at once, and kept.
  const table = name !== null && kept?.took !== name ? afterRead(kept, read) : kept;
  useEffect(() => {
    if (table && table !== kept) keepFor(client, chargerId, KEPT, table);
  }, [client, chargerId, table, kept]);
  return table;
}

/** When the rows shown were read: "at 10:02:03", or "from 10:00:01 to 10:02:03" when they came from several reads. */
export function readWords(table: ReadTable): string {
  const times = table.rows.map((r) => Date.parse(r.readAt));
  const first = times.length ? new Date(Math.min(...times)).toISOString() : table.readAt;
  return first === table.readAt || formatClock(first) === formatClock(table.readAt) ? `at ${formatClock(table.readAt)}` : `from ${formatClock(first)} to ${formatClock(table.readAt)}`;
}
