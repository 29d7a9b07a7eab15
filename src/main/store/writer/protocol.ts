// What the bench and its writer thread say to each other.

export interface ThreadData {
  file: string;
  /** Every write the bench makes, by name: its SQL. */
  statements: Record<string, string>;
  /** Writes an older journal names by position, in the order it numbered them. */
  legacyOrder: string[];
  /** Per write, the sparse-index keys its rows get: [kind, parameter indexes that make the key]. */
  chunkers: Record<string, Array<[string, number[]]>>;
  nativeBinding?: string;
  synchronous: 'NORMAL' | 'FULL';
  drainMs: number;
  /** Where the journal's segments are: the thread reads the entries after the last one SQLite holds from them. */
  dataDir: string;
}

/**
 * `journaled`: entries up to this sequence number are in the journal (`bytes` more than last said), for
 * the thread to read from there; `now` drains at once; `close` drains and closes.
 */
export type ToThread = { journaled: number; bytes: number } | { now: true } | { close: true };

/** `lost`: journal entries that could not be read, in words (they are passed over). */
export type FromThread = { ingested: number; error?: string; lost?: string } | { stalled: string; code: string } | { resumed: true } | { closed: true; pending: number };
