// What the journal holds that SQLite does not yet: the bytes of each entry until the writer thread says it
// is in SQLite (for back-pressure and for the bound on a stalled record).
import Denque from 'denque';

export class Backlog {
  /**
   * [sequence number, bytes] per entry, oldest first. A double-ended queue: an array's shift() copies the
   * rest of it once the array is large (past about 16,000 entries, which a few chargers' answers make
   * between two drains), and ingesting a long back-log one shift at a time held the protocol thread for
   * seconds.
   */
  private readonly entries = new Denque<[number, number]>();
  private total = 0;

  /** Bytes journaled and not yet in SQLite. */
  get bytes(): number {
    return this.total;
  }

  added(seq: number, bytes: number): void {
    this.entries.push([seq, bytes]);
    this.total += bytes;
  }

  /** Every entry up to `seq` is in SQLite. */
  ingested(seq: number): void {
    for (let e = this.entries.peekFront(); e && e[0] <= seq; e = this.entries.peekFront()) {
      this.total -= e[1];
      this.entries.shift();
    }
  }
}
