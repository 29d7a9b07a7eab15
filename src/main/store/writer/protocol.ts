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
}

/**
 * Journal entries in order, a hand-over at a time: as text (read back from the journal at start) or as
 * the UTF-8 bytes of their batch (moved, not copied, from the bench as it appends them); `now` drains at
 * once; `close` drains and closes.
 */
export type ThreadEntry = { seq: number; text: string } | { seq: number; bytes: Uint8Array };
export type ToThread = { entries: ThreadEntry[] } | { now: true } | { close: true };

export type FromThread = { ingested: number; error?: string } | { stalled: string; code: string } | { resumed: true } | { closed: true; pending: number };
