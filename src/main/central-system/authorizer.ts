// Decides idTagInfo for Authorize, StartTransaction and StopTransaction from the local idTag list
// (kept in memory, persisted in the record) and the bench's authorization mode, and knows which
// transactions are open so a second start with an accepted tag is answered ConcurrentTx.
import type { IdTagInfo } from '../../shared/ocpp16';
import type { BenchSettings, IdTagEntry, TransactionView } from '../../shared/api/views';
import type { BenchRecord } from '../store/record';
import { systemClock, type Clock } from '../clock';

/** Stopped transactions whose charger is remembered, so their late meter values find their owner without a query. */
const RECENT_KEPT = 10_000;

export class Authorizer {
  private tags = new Map<string, IdTagEntry>();
  /** Open transactions, accepted or not (a charger may still stop a rejected one). */
  private readonly open = new Map<number, TransactionView>();
  /** Recently stopped transactions and their charger, oldest first. */
  private readonly recent = new Map<number, string>();

  constructor(
    private readonly record: BenchRecord,
    private readonly settings: () => BenchSettings,
    /** The bench's clock: an idTag expires by the bench's time (a fake one in tests and timed runs). */
    private readonly clock: Clock = systemClock,
  ) {
    this.reloadTags();
    for (const tx of record.transactions.list({ active: true, limit: 100_000 })) this.open.set(tx.transactionId, tx);
  }

  reloadTags(): void {
    this.tags = new Map(this.record.idTags.list().map((t) => [t.idTag, t]));
  }

  authorize(idTag: string, now = this.clock.now()): IdTagInfo {
    const entry = this.tags.get(idTag);
    if (!entry) return { status: this.settings().authorization === 'acceptAll' ? 'Accepted' : 'Invalid' };
    const info: IdTagInfo = { status: entry.status };
    if (entry.expiryDate) {
      info.expiryDate = entry.expiryDate;
      if (entry.status === 'Accepted' && Date.parse(entry.expiryDate) <= now) info.status = 'Expired';
    }
    if (entry.parentIdTag) info.parentIdTag = entry.parentIdTag;
    return info;
  }

  /**
   * The running, accepted transaction of an idTag, if any. With `startingOn` (a charger starting a session on
   * its connector), one the bench still has open on that very connector does not count: the charger, starting
   * a new session there, has evidently lost it (killed mid-session, say), and it must not block the tag.
   */
  activeTransactionOf(idTag: string, startingOn?: { chargerId: string; connectorId: number }): TransactionView | undefined {
    for (const tx of this.open.values()) {
      if (tx.idTag !== idTag || tx.authStatus !== 'Accepted') continue;
      if (startingOn && tx.chargerId === startingOn.chargerId && tx.connectorId === startingOn.connectorId) continue;
      return tx;
    }
    return undefined;
  }

  transactionStarted(tx: TransactionView): void {
    this.open.set(tx.transactionId, tx);
  }

  /** The running transaction with this id, if any. */
  openTransaction(id: number): TransactionView | undefined {
    return this.open.get(id);
  }

  /** The transactions open on a charger, ids ascending. */
  openOn(chargerId: string): TransactionView[] {
    return [...this.open.values()].filter((tx) => tx.chargerId === chargerId).sort((a, b) => a.transactionId - b.transactionId);
  }

  /** The newest transaction open on a charger's connector (the highest id: ids are given in the order starts arrive), if any. */
  newestOpenOn(chargerId: string, connectorId: number): TransactionView | undefined {
    let newest: TransactionView | undefined;
    for (const tx of this.open.values()) if (tx.chargerId === chargerId && tx.connectorId === connectorId && (!newest || tx.transactionId > newest.transactionId)) newest = tx;
    return newest;
  }

  transactionStopped(id: number): TransactionView | undefined {
    const tx = this.open.get(id);
    if (!tx) return undefined;
    this.open.delete(id);
    this.remember(id, tx.chargerId);
    return tx;
  }

  /** The charger a transaction belongs to, running or stopped; null when the bench never gave out that id. */
  ownerOf(id: number): string | null {
    const running = this.open.get(id);
    if (running) return running.chargerId;
    const known = this.recent.get(id);
    if (known !== undefined) return known;
    const tx = this.record.transactions.get(id);
    if (tx) this.remember(id, tx.chargerId);
    return tx?.chargerId ?? null;
  }

  private remember(id: number, chargerId: string): void {
    this.recent.set(id, chargerId);
    if (this.recent.size > RECENT_KEPT) this.recent.delete(this.recent.keys().next().value!);
  }
}
