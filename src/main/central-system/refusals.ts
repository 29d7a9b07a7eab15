// Connections turned away before they are chargers (over a connection cap, a handshake never finished):
// a flood of them must be recorded without flooding the record. The first of a kind from an address is
// recorded at once; the rest within the window are counted and recorded as one line when it ends.
import { systemClock, type Clock, type Timer } from '../clock';

/** How long repeats are gathered into one line. */
export const REFUSAL_WINDOW_MS = 10_000;
/** Addresses tallied at once; beyond, their refusals are gathered under one line. */
const MAX_TALLIED = 1_000;

interface Tally {
  reason: string;
  repeats: number;
}

export class RefusalTally {
  private readonly open = new Map<string, Tally>();
  private timer: Timer | null = null;

  constructor(
    private readonly record: (address: string, reason: string) => void,
    /** The bench's clock: the window is the bench's ten seconds, as the recorded line says. */
    private readonly clock: Clock = systemClock,
  ) {}

  /** One refusal of `kind` from `address`, in words. */
  note(address: string, kind: string, reason: string): void {
    const key = this.open.size >= MAX_TALLIED && !this.open.has(`${kind}|${address}`) ? `${kind}|other addresses` : `${kind}|${address}`;
    const tally = this.open.get(key);
    if (tally) {
      tally.repeats++;
    } else {
      this.open.set(key, { reason, repeats: 0 });
      this.record(address, reason);
    }
    this.timer ??= this.clock.after(REFUSAL_WINDOW_MS, () => this.flush(), { background: true });
  }

  /** Records the repeats gathered so far and starts a new window. */
  flush(): void {
    this.timer?.cancel();
    this.timer = null;
    for (const [key, t] of this.open) {
      if (t.repeats === 0) continue;
      const address = key.slice(key.indexOf('|') + 1);
      this.record(address, `${t.repeats} more in the last ${REFUSAL_WINDOW_MS / 1000} s from ${address}: ${t.reason}`);
    }
    this.open.clear();
  }
}
