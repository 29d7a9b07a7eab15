// Connections turned away before they are chargers (over a connection cap, a handshake never finished, TLS on
// the plain port): a flood of them must be recorded without flooding the record. The first of a kind from an
// address is recorded at once; the rest within the window are counted and recorded as one count when it ends,
// with the same reason, so the record counts them all on the one line of that address and reason
// (repositories/connection-attempts.ts) however long the flood lasts.
import { systemClock, type Clock, type Timer } from '../clock';

/** How long repeats are gathered into one count. */
export const REFUSAL_WINDOW_MS = 10_000;
/** Addresses tallied at once; beyond, their refusals are gathered under one line. */
const MAX_TALLIED = 1_000;
/** The address under which refusals past MAX_TALLIED addresses in one window are counted. */
export const OTHER_ADDRESSES = 'other addresses';

/** Connections turned away, as recorded: `count` of them from `address` for `reason`, from `firstTs` to `lastTs`. */
export interface TurnedAway {
  address: string;
  reason: string;
  count: number;
  firstTs: string;
  lastTs: string;
  /** The same in words for the console and the live views (a count says how many more, in what time). */
  words: string;
}

interface Tally {
  reason: string;
  repeats: number;
  firstTs: string;
  lastTs: string;
}

export class RefusalTally {
  private readonly open = new Map<string, Tally>();
  private timer: Timer | null = null;

  constructor(
    private readonly record: (refused: TurnedAway) => void,
    /** The bench's clock: the window is the bench's ten seconds, as the recorded line says. */
    private readonly clock: Clock = systemClock,
  ) {}

  /** One refusal of `kind` from `address`, in words. */
  note(address: string, kind: string, reason: string): void {
    // Past MAX_TALLIED addresses, every refusal of the kind (the first too) is counted under OTHER_ADDRESSES, in
    // words that name none of them: all on one line of the record, whichever address came first.
    const overflow = this.open.size >= MAX_TALLIED && !this.open.has(`${kind}|${address}`);
    const key = `${kind}|${overflow ? OTHER_ADDRESSES : address}`;
    const tally = this.open.get(key);
    const now = new Date(this.clock.now()).toISOString();
    if (tally) {
      if (tally.repeats === 0) tally.firstTs = now;
      tally.repeats++;
      tally.lastTs = now;
    } else {
      const why = overflow ? namingNoAddress(reason, address) : reason;
      this.open.set(key, { reason: why, repeats: 0, firstTs: now, lastTs: now });
      const words = overflow ? `${why} (more than ${MAX_TALLIED} addresses turned away within ${REFUSAL_WINDOW_MS / 1000} s: counted together as ${OTHER_ADDRESSES})` : why;
      this.record({ address: overflow ? OTHER_ADDRESSES : address, reason: why, count: 1, firstTs: now, lastTs: now, words });
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
      this.record({
        address,
        reason: t.reason,
        count: t.repeats,
        firstTs: t.firstTs,
        lastTs: t.lastTs,
        words: `${t.repeats} more in the last ${REFUSAL_WINDOW_MS / 1000} s from ${address}: ${t.reason}`,
      });
    }
    this.open.clear();
  }
}

/** A refusal's reason for the line of OTHER_ADDRESSES: the address it came from (as given, or IPv4 as mapped in IPv6) is not named. */
function namingNoAddress(reason: string, address: string): string {
  const forms = [address, ...(address.startsWith('::ffff:') ? [address.slice(7)] : [])];
  return forms.reduce((r, form) => r.split(form).join('one of many addresses'), reason);
}
