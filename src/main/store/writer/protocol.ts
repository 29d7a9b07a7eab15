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

/** Journal entries in order, a hand-over at a time; `now` drains at once; `close` drains and closes. */
export type ToThread = { entries: Array<{ seq: number; text: string }> } | { now: true } | { close: true };

export type FromThread = { ingested: number; error?: string } | { stalled: string; code: string } | { resumed: true } | { closed: true; pending: number };
