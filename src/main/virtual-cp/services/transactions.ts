// Transactions: what starts and stops a session (card, cable, central system), and the queue that delivers
// Start/StopTransaction and MeterValues in order, retried, kept while offline and across restarts.
import type { IdTagInfo, JsonObject, Reason, ResponseOf } from '../../../shared/ocpp16';
import type { Timer } from '../../clock';
import { ownKeys, type OwnedKeys } from '../configuration';
import type { Connector, Model, Transaction } from '../model';
import { reservationMatches } from './reservations';
import { StartOutcomes, startOutcome, type KeptCardOutcome } from './start-outcome';
import { TxLedger, attemptFailure, withUnanswered, type SessionFate, type Unanswered } from './tx-ledger';

/** The configuration keys transactions own. */
export const transactionKeys = [
  'ConnectionTimeOut',
  'StopTransactionOnEVSideDisconnect',
  'UnlockConnectorOnEVSideDisconnect',
  'StopTransactionOnInvalidId',
  'TransactionMessageAttempts',
  'TransactionMessageRetryInterval',
] as const;

type TxAction = 'StartTransaction' | 'StopTransaction' | 'MeterValues';
export interface QueuedMessage {
  action: TxAction;
  payload: JsonObject;
  /** The charger's own number for the transaction; its transactionId is filled in when known. */
  localTx: number;
  attempts: number;
  /**
   * Its place in the charger's queue, rising for as long as the charger exists: the record keeps the
   * queue a row per message, and writes only what came or went since it last saved.
   */
  seq: number;
  /** Its sends that went out without a valid answer: the central system may have acted on them. */
  unanswered?: Unanswered;
}

/** What the charger keeps of its transactions across a restart of the bench. */
export interface SavedTransactions {
  queue: QueuedMessage[];
  txIds: Array<[number, number]>;
  /** Transactions running when the charger lost power: stopped with PowerLoss at the next start. */
  openTransactions: Array<{ localTx: number; connectorId: number; meterWh: number }>;
  nextLocalTx: number;
  /** The number the next queued message gets. */
  nextQueueSeq: number;
  /** MeterValues not kept because the queue was full, ever (see MAX_QUEUED_METER_VALUES). */
  meterValuesNotKept?: number;
  /** Each connector's last card outcome (none when an older version saved the state). */
  cardOutcomes?: KeptCardOutcome[];
}

/** A queued message as an older version saved it (without its place in the queue). */
type SavedMessage = Omit<QueuedMessage, 'seq'> & { seq?: number };

/**
 * MeterValues a charger's queue holds at most, as a real charger's memory would: past it, newer meter
 * values are not kept until a queued one is delivered (a Start- or StopTransaction always is). At a reading a
 * minute on two connectors that is three and a half days offline; without a bound, a fleet left
 * offline would hold every reading in the bench's memory.
 */
export const MAX_QUEUED_METER_VALUES = 10_000;

/** What the wrong-stop-transaction-id fault adds to the transactionId of a StopTransaction. */
export const WRONG_TRANSACTION_ID_OFFSET = 1000;

/**
 * The transactionId the wrong-stop-transaction-id fault sends instead of `given`: given + 1000, and + 1000
 * again while that is one the charger holds (another connector's session, a queued message's): the
 * central system stops any open transaction of the charger by that id, so it must be none of its own.
 */
export function wrongTransactionId(given: number, held: Iterable<number>): number {
  const taken = new Set(held);
  let wrong = given + WRONG_TRANSACTION_ID_OFFSET;
  while (taken.has(wrong)) wrong += WRONG_TRANSACTION_ID_OFFSET;
  return wrong;
}

/**
 * What presenting a card came to. A session started: `transactionId` the central system gave, and
 * `confirmed` false while its StartTransaction is unanswered (offline, queued, no answer yet).
 */
export type CardOutcome = { accepted: boolean; status: string; message: string; transactionId?: number | null; confirmed?: boolean };

/**
 * What became of a StartTransaction the card's outcome waits for: its answer, or why there is none yet and
 * whether it is still queued (false: dropped, not sent again).
 */
export type StartAnswer = { answered: true; transactionId: number; idTagInfo: IdTagInfo; ended?: boolean } | { answered: false; why: string; queued: boolean };

export class TransactionService {
  /** The session-start-failure fault: a card is accepted, but no session starts. */
  sessionStartFails = false;
  /** The drop-mid-transaction fault: the connection drops once, after a session's first MeterValues. */
  dropMidTransaction = false;
  /**
   * The wrong-stop-transaction-id fault: each StopTransaction goes out with the transactionId the central
   * system gave plus WRONG_TRANSACTION_ID_OFFSET (more while that is one the charger holds: see
   * wrongTransactionId); the charger's own session ends as usual.
   */
  wrongStopTransactionId = false;
  /** See MAX_QUEUED_METER_VALUES (smaller in tests). */
  maxQueuedMeterValues = MAX_QUEUED_METER_VALUES;
  /** MeterValues not kept because the queue was full, ever (shown, and kept across a restart). */
  meterValuesNotKept: number;
  /** MeterValues in the queue. */
  private queuedMeterValues = 0;
  private readonly queue: QueuedMessage[];
  private readonly txIds = new Map<number, number>();
  private nextLocalTx: number;
  private nextQueueSeq: number;
  /** The queued message on its way (a token per send), or null. */
  private sendingQueued: object | null = null;
  private retryTimer: Timer | null = null;
  /** Told the first outcome of the StartTransaction of a session (by its local number). */
  private readonly startWaiters = new Map<number, (a: StartAnswer) => void>();
  /** Answered StopTransactions, dropped messages, and messages sent without an accepted answer yet. */
  private readonly ledger = new TxLedger();
  /** What each connector's last card that started a session came to, kept current with its StartTransaction's later word. */
  readonly startOutcomes: StartOutcomes;
  private readonly keys: OwnedKeys<(typeof transactionKeys)[number]>;

  constructor(
    private readonly cp: Model,
    saved: Partial<Omit<SavedTransactions, 'queue'>> & { queue?: SavedMessage[] },
  ) {
    this.keys = ownKeys(cp.config, transactionKeys);
    const queue = saved.queue ?? [];
    this.nextQueueSeq = Math.max(saved.nextQueueSeq ?? 1, (queue.at(-1)?.seq ?? 0) + 1);
    // Saved by an older version: numbered now, in order.
    this.queue = queue.map((m) => ({ ...m, seq: m.seq ?? this.nextQueueSeq++ }));
    for (const m of this.queue) if (m.action === 'MeterValues') this.queuedMeterValues++;
    this.meterValuesNotKept = saved.meterValuesNotKept ?? 0;
    for (const [l, t] of saved.txIds ?? []) this.txIds.set(l, t);
    this.nextLocalTx = saved.nextLocalTx ?? 1;
    this.startOutcomes = new StartOutcomes(saved.cardOutcomes, (id) => cp.connectors.at(id) !== undefined);
    // A transaction that was running when the bench stopped ended by loss of power.
    for (const open of saved.openTransactions ?? []) {
      const c = cp.connectors.at(open.connectorId);
      if (c) c.meterWh = Math.max(c.meterWh, open.meterWh);
      this.push('StopTransaction', open.localTx, { meterStop: Math.round(open.meterWh), timestamp: cp.iso(), reason: 'PowerLoss' });
    }
  }

  private push(action: TxAction, localTx: number, payload: JsonObject): void {
    this.queue.push({ action, payload, localTx, attempts: 0, seq: this.nextQueueSeq++ });
    if (action === 'MeterValues') this.queuedMeterValues++;
  }

  /** Takes the queue's head off (delivered, dropped, or nothing to attach it to). */
  private dequeue(): void {
    if (this.queue.shift()?.action === 'MeterValues') this.queuedMeterValues--;
  }

  /** Transaction messages waiting to be delivered. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Why a session cannot start on this connector for this card, or null. `parentIdTag` null: not known
   * yet (before authorization), so a reservation by parent tag is given the benefit of the doubt.
   */
  cannotStart(c: Connector, idTag: string, parentIdTag: string | undefined | null): string | null {
    const charger = this.cp.connectors.charger;
    if (c.fault || charger.fault) return `Connector ${c.id} is faulted`;
    if (c.availability === 'Inoperative' || charger.availability === 'Inoperative') return `Connector ${c.id} is unavailable`;
    if (c.tx) return `Connector ${c.id} already has a transaction`;
    if (c.cableLockedFor !== null) return `Connector ${c.id} still has the last session's cable locked in`;
    const r = this.cp.reservations.reservationOn(c.id);
    if (r && !reservationMatches(r, idTag, parentIdTag === null ? (r.parentIdTag ?? undefined) : parentIdTag)) return `Connector ${c.id} is reserved for ${r.idTag}`;
    return null;
  }

  /** A card (or remote start) was accepted for this connector: the session starts now, or once the cable is in. */
  authorized(c: Connector, idTag: string, parentIdTag?: string): void {
    if (this.sessionStartFails) {
      c.startFailed = true;
      this.cp.refresh();
      return;
    }
    if (c.plugged) {
      this.start(c, idTag, parentIdTag);
    } else {
      if (c.authorized) this.clearAuthorized(c);
      const timer = this.cp.clock.after(this.keys.ConnectionTimeOut * 1000, () => {
        if (c.authorized?.timer !== timer) return;
        this.dropAuthorized(c);
        this.cp.refresh();
      });
      c.authorized = { idTag, parentIdTag, timer };
    }
    this.cp.refresh();
  }

  clearAuthorized(c: Connector): void {
    c.authorized?.timer.cancel();
    c.authorized = null;
  }

  /** The card presented will not start a session after all: a TxProfile a remote start brought goes too.
   * The caller reports the statuses once its own change is made. */
  dropAuthorized(c: Connector): void {
    if (!c.authorized) return;
    this.clearAuthorized(c);
    this.cp.smartCharging.transactionEnded(c.id, null);
  }

  /** The cable is in: a card accepted before starts the session, if it still may. */
  plugged(c: Connector): void {
    if (!c.authorized) return;
    const { idTag, parentIdTag } = c.authorized;
    this.clearAuthorized(c);
    // Things may have changed since the card was presented (availability, a fault, a reservation).
    if (!this.cannotStart(c, idTag, parentIdTag)) this.start(c, idTag, parentIdTag);
    else this.cp.smartCharging.transactionEnded(c.id, null);
  }

  /** The EV is gone: the session stops (StopTransactionOnEVSideDisconnect), the cable maybe stays locked in its socket (a fixed cable has none). */
  unplugged(c: Connector): void {
    if (!c.tx || !this.keys.StopTransactionOnEVSideDisconnect) return;
    const idTag = c.tx.idTag;
    this.stop(c, 'EVDisconnected');
    c.finishing = false;
    if (!this.keys.UnlockConnectorOnEVSideDisconnect && !this.cp.definition.fixedCable) c.cableLockedFor = idTag;
  }

  /** A card held to the reader of a connector: starts, or stops, a session. */
  async presentCard(c: Connector, idTag: string): Promise<CardOutcome> {
    const { cp } = this;
    const epoch = cp.epoch;
    if (!c.tx && c.cableLockedFor !== null) {
      // The EV left but the cable stayed locked in the socket (UnlockConnectorOnEVSideDisconnect=false):
      // the card that charged releases it.
      if (c.cableLockedFor !== idTag) return { accepted: false, status: 'Invalid', message: `The cable on connector ${c.id} is locked for card ${c.cableLockedFor}` };
      c.cableLockedFor = null;
      cp.refresh();
      return { accepted: true, status: 'Accepted', message: `Cable on connector ${c.id} unlocked` };
    }
    if (c.tx) {
      const tx = c.tx;
      let same = tx.idTag === idTag;
      if (!same && tx.parentIdTag) {
        const info = await cp.authorization.authorize(idTag);
        same = info.status === 'Accepted' && info.parentIdTag === tx.parentIdTag;
      }
      if (!same) return { accepted: false, status: 'Invalid', message: `Card ${idTag} did not start the transaction on connector ${c.id}; it cannot stop it` };
      if (c.tx !== tx) return { accepted: false, status: 'Invalid', message: 'The transaction ended meanwhile' };
      this.stop(c, 'Local', idTag);
      cp.refresh();
      return { accepted: true, status: 'Accepted', message: `Transaction on connector ${c.id} stopped by card ${idTag}` };
    }
    const refusal = this.cannotStart(c, idTag, null);
    if (refusal) return { accepted: false, status: 'Rejected', message: refusal };
    const presentedAt = cp.iso();
    const info = await cp.authorization.authorize(idTag);
    if (epoch !== cp.epoch) return { accepted: false, status: 'Rejected', message: 'The charger restarted meanwhile' };
    if (info.status !== 'Accepted') {
      cp.refresh();
      return { accepted: false, status: info.status, message: `Card ${idTag} was not accepted: ${info.status}` };
    }
    const again = this.cannotStart(c, idTag, info.parentIdTag);
    if (again) return { accepted: false, status: 'Rejected', message: again };
    this.authorized(c, idTag, info.parentIdTag);
    if (c.startFailed) return { accepted: true, status: 'Accepted', message: `Card ${idTag} accepted, but the session failed to start (fault)` };
    // authorized() may have started it (TypeScript still holds c.tx to be null from above).
    const started = c.tx as Transaction | null;
    if (!started) return { accepted: true, status: 'Accepted', message: `Card ${idTag} accepted: plug in the cable within ${this.keys.ConnectionTimeOut} s` };
    // The session started here; what the central system answers to its StartTransaction decides the outcome.
    const outcome = startOutcome(c.id, idTag, await this.startAnswer(started.localTx), this.keys.StopTransactionOnInvalidId);
    this.startOutcomes.keep(c.id, started.localTx, idTag, outcome, presentedAt, cp.iso());
    // Shown, and kept with the charger's state.
    cp.changed();
    return outcome;
  }

  /** The first outcome of session localTx's StartTransaction; at once when it cannot be sent now. */
  startAnswer(localTx: number): Promise<StartAnswer> {
    const ahead = this.queue.findIndex((m) => m.localTx === localTx && m.action === 'StartTransaction');
    if (ahead < 0) return Promise.resolve({ answered: false, queued: false, why: 'its StartTransaction is no longer queued' });
    if (!this.cp.isAccepted) return Promise.resolve({ answered: false, queued: true, why: `${this.cp.id} is offline` });
    if (ahead > 0) return Promise.resolve({ answered: false, queued: true, why: `${ahead} queued transaction message${ahead === 1 ? '' : 's'} go${ahead === 1 ? 'es' : ''} first` });
    return new Promise((resolve) => this.startWaiters.set(localTx, resolve));
  }

  private tellStart(localTx: number, answer: StartAnswer): void {
    const waiter = this.startWaiters.get(localTx);
    this.startWaiters.delete(localTx);
    waiter?.(answer);
    // A card whose outcome said unconfirmed: what it shows follows this later word.
    if (this.startOutcomes.heard(localTx, answer, this.keys.StopTransactionOnInvalidId, this.cp.iso())) this.cp.changed();
  }

  /** How session localTx's end reached the central system, or did not (what was answered or dropped is asked once). */
  fate(localTx: number): SessionFate {
    const state = (action: TxAction) => {
      const m = this.queue.find((q) => q.localTx === localTx && q.action === action);
      return m ? (this.ledger.sent.has(m) || m.unanswered ? 'sent' : 'unsent') : null;
    };
    return { ...this.ledger.take(localTx), start: state('StartTransaction'), stop: state('StopTransaction') };
  }

  /** Sessions the charger ended whose StopTransaction is still queued, with the transactionId when known. */
  queuedStops(): Array<{ localTx: number; transactionId: number | null; reason: string }> {
    return this.queue.filter((m) => m.action === 'StopTransaction').map((m) => ({ localTx: m.localTx, transactionId: this.txIds.get(m.localTx) ?? null, reason: String(m.payload.reason ?? 'Local') }));
  }

  start(c: Connector, idTag: string, parentIdTag?: string): void {
    const { metering, reservations } = this.cp;
    metering.settle(c);
    const reservation = reservations.reservationFor(c.id, idTag, parentIdTag);
    if (reservation) reservations.end(reservation);
    const localTx = this.nextLocalTx++;
    const tx: Transaction = {
      localTx,
      transactionId: null,
      idTag,
      parentIdTag,
      startedAt: this.cp.clock.now(),
      meterStartWh: c.meterWh,
      reservationId: reservation?.reservationId,
      sampleTimer: null,
      beginSample: null,
      stopSamples: [],
      dropped: false,
    };
    c.tx = tx;
    c.finishing = false;
    c.evSuspended = false;
    c.powerW = metering.targetPowerW(c);
    tx.beginSample = metering.beginSample(c);
    this.enqueue('StartTransaction', localTx, {
      connectorId: c.id,
      idTag,
      meterStart: Math.round(c.meterWh),
      timestamp: this.cp.iso(),
      ...(reservation ? { reservationId: reservation.reservationId } : {}),
    });
    metering.startSampling(c, tx);
  }

  stop(c: Connector, reason: Reason, idTag?: string): void {
    const tx = c.tx;
    if (!tx) return;
    const transactionData = this.cp.metering.endSampling(c, tx);
    this.enqueue('StopTransaction', tx.localTx, { meterStop: Math.round(c.meterWh), timestamp: this.cp.iso(), reason, ...(idTag ? { idTag } : {}), ...(transactionData ? { transactionData } : {}) });
    c.tx = null;
    c.evSuspended = false;
    c.finishing = c.plugged;
    c.powerW = 0;
    this.cp.smartCharging.transactionEnded(c.id, tx.transactionId);
    this.cp.status.transactionEnded(c);
  }

  enqueue(action: TxAction, localTx: number, payload: JsonObject): void {
    if (action === 'MeterValues' && this.queuedMeterValues >= this.maxQueuedMeterValues) {
      this.meterValuesNotKept += 1;
      this.cp.lastError = `The transaction message queue is full (${this.queuedMeterValues.toLocaleString('en-US')} MeterValues waiting): ${this.meterValuesNotKept.toLocaleString('en-US')} newer MeterValues not kept in all`;
      this.cp.changed();
      return;
    }
    this.push(action, localTx, payload);
    this.pump();
    this.cp.changed();
  }

  /** Sends the queue's head when registered and nothing is on its way; the rest waits its turn. */
  pump(): void {
    const { cp } = this;
    if (this.sendingQueued || !cp.isAccepted || this.retryTimer) return;
    const head = this.queue[0];
    if (!head) return cp.status.release();
    let payload = head.payload;
    if (head.action !== 'StartTransaction') {
      const transactionId = this.txIds.get(head.localTx);
      if (transactionId === undefined) {
        // Its StartTransaction was never accepted: nothing to attach it to.
        this.dequeue();
        return this.pump();
      }
      payload = { ...payload, transactionId: head.action === 'StopTransaction' && this.wrongStopTransactionId ? wrongTransactionId(transactionId, this.heldTransactionIds()) : transactionId };
    }
    const token = {};
    this.sendingQueued = token;
    const sentBefore = this.ledger.sent.has(head);
    this.ledger.sent.add(head);
    void cp.call(head.action, payload as never).then((outcome) => {
      // A power-off or a newer connection took over meanwhile: the message stays queued for it.
      if (this.sendingQueued !== token) return;
      this.sendingQueued = null;
      const unanswered = outcome.outcome === 'completed' ? undefined : withUnanswered(head.unanswered, outcome);
      if (unanswered) head.unanswered = unanswered;
      if (outcome.outcome === 'offline') {
        if (!outcome.sent && !sentBefore) this.ledger.sent.delete(head);
        return this.tellStart(head.localTx, { answered: false, queued: true, why: 'the connection was lost before the answer' });
      }
      if (outcome.outcome === 'completed') {
        this.dequeue();
        this.delivered(head, outcome.response as JsonObject);
      } else {
        head.attempts += 1;
        const failed = `${head.action} ${attemptFailure(outcome)}`;
        const { localTx, action, attempts } = head;
        if (attempts >= Math.max(1, this.keys.TransactionMessageAttempts)) {
          this.dequeue();
          cp.lastError = `${action} was not accepted after ${attempts} attempts; dropped`;
          if (action === 'StopTransaction') this.txIds.delete(localTx);
          if (action === 'StartTransaction' || action === 'StopTransaction')
            this.ledger.dropped(localTx, { action, attempts, last: attemptFailure(outcome), ...(head.unanswered ? { unanswered: head.unanswered } : {}) });
          if (action === 'StartTransaction') this.tellStart(localTx, { answered: false, queued: false, why: `${failed}; dropped after ${attempts} attempt${attempts === 1 ? '' : 's'}` });
        } else {
          const retryS = this.keys.TransactionMessageRetryInterval * attempts;
          this.retryTimer = cp.clock.after(retryS * 1000, () => {
            this.retryTimer = null;
            this.pump();
          });
          if (action === 'StartTransaction') this.tellStart(localTx, { answered: false, queued: true, why: `${failed}; sent again in ${retryS} s` });
          // Statuses held back for the queue need not wait for the retries.
          cp.status.release();
        }
      }
      cp.changed();
      this.pump();
    });
  }

  /** Every transactionId the charger holds: its running sessions' and its queued messages'. */
  private heldTransactionIds(): number[] {
    const held = [...this.txIds.values()];
    for (const c of this.cp.connectors.all) if (c.tx?.transactionId != null) held.push(c.tx.transactionId);
    return held;
  }

  /** The power goes: the queue stays (non-volatile), what was on its way is sent again; cards waiting for a cable are forgotten. */
  powerDown(): void {
    this.retryTimer?.cancel();
    this.retryTimer = null;
    for (const c of this.cp.connectors.all) if (c.authorized) this.clearAuthorized(c);
    this.sendingQueued = null;
    for (const localTx of [...this.startWaiters.keys()]) this.tellStart(localTx, { answered: false, queued: true, why: `${this.cp.id} lost power before the answer` });
  }

  saved(): SavedTransactions {
    const open = this.cp.connectors.all.filter((c) => c.tx).map((c) => ({ localTx: c.tx!.localTx, connectorId: c.id, meterWh: this.cp.metering.settle(c) }));
    return {
      queue: this.queue,
      txIds: [...this.txIds],
      openTransactions: open,
      nextLocalTx: this.nextLocalTx,
      nextQueueSeq: this.nextQueueSeq,
      meterValuesNotKept: this.meterValuesNotKept,
      cardOutcomes: this.startOutcomes.saved(),
    };
  }

  private delivered(msg: QueuedMessage, response: JsonObject): void {
    const c = this.cp.connectors.all.find((x) => x.tx?.localTx === msg.localTx);
    if (msg.action === 'StartTransaction') {
      const r = response as ResponseOf<'StartTransaction'>;
      this.txIds.set(msg.localTx, r.transactionId);
      if (c?.tx) {
        c.tx.transactionId = r.transactionId;
        this.cp.smartCharging.bindTransaction(c.id, r.transactionId);
        this.cp.authorization.startAnswered(c.tx.idTag, r.idTagInfo as IdTagInfo);
        // The central system's answer names the card's parent: a card of the same parent may stop the session.
        if (r.idTagInfo.parentIdTag) c.tx.parentIdTag = r.idTagInfo.parentIdTag;
        if (r.idTagInfo.status !== 'Accepted') {
          // Started offline, its state (Charging) was never reported: the central system hears it before
          // what the answer changes (SuspendedEVSE, or the stop and Finishing).
          this.cp.status.reportNow(c.id);
          if (this.keys.StopTransactionOnInvalidId) this.stop(c, 'DeAuthorized');
          else c.tx.invalid = true;
          this.cp.refresh();
        }
      }
      this.tellStart(msg.localTx, { answered: true, transactionId: r.transactionId, idTagInfo: r.idTagInfo as IdTagInfo, ended: !c });
    } else if (msg.action === 'StopTransaction') {
      this.ledger.stopAnswered(msg.localTx, this.txIds.get(msg.localTx) ?? null);
      if (!this.queue.some((q) => q.localTx === msg.localTx)) this.txIds.delete(msg.localTx);
    } else if (msg.action === 'MeterValues' && c?.tx && this.dropMidTransaction && !c.tx.dropped) {
      c.tx.dropped = true;
      this.cp.connection.terminate('Connection dropped mid-transaction (fault)');
    }
  }
}
