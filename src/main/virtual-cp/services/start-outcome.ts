// What a card that started a session comes to: the central system's answer to the StartTransaction decides
// it (accepted with its transaction id, or refused with the idTagInfo status), and without an answer yet the
// outcome says the start is unconfirmed, why, and whether the StartTransaction is still queued or was dropped.
// Each connector's last such outcome is kept, and one that said unconfirmed follows the later word on its
// StartTransaction (answered, sent again, dropped), with when it came, for what the screen shows of the card.
// They are kept with the charger's non-volatile state, so the screen still says them after a restart.
import { z } from 'zod';
import type { VirtualCardOutcomeView } from '../../../shared/api/virtual-chargers';
import type { CardOutcome, StartAnswer } from './transactions';

/** The card's outcome once the session started on `connectorId` has the first word on its StartTransaction. */
export function startOutcome(connectorId: number, idTag: string, answer: StartAnswer, stopOnInvalidId: boolean): CardOutcome {
  if (!answer.answered) {
    return {
      accepted: true,
      status: 'Accepted',
      confirmed: false,
      transactionId: null,
      message: `Card ${idTag} accepted and the session started on connector ${connectorId}, but the central system has not confirmed it: ${answer.why}. ${
        answer.queued ? 'The StartTransaction stays queued and goes out when it can.' : 'The StartTransaction is not sent again, so the central system may hold no record of the session.'
      }`,
    };
  }
  const { transactionId, idTagInfo, ended } = answer;
  if (idTagInfo.status === 'Accepted') {
    return {
      accepted: true,
      status: 'Accepted',
      confirmed: true,
      transactionId,
      message: `Transaction ${transactionId} started on connector ${connectorId}${ended ? ' (the session has ended since)' : ''}`,
    };
  }
  const after = ended
    ? 'the session had already ended on the charger'
    : stopOnInvalidId
      ? 'the charger ended the session (StopTransaction, reason DeAuthorized)'
      : 'the session stays open but draws no more than MaxEnergyOnInvalidId (StopTransactionOnInvalidId is false)';
  return {
    accepted: false,
    status: idTagInfo.status,
    confirmed: true,
    transactionId,
    message: `The central system refused the session on connector ${connectorId}: StartTransaction answered ${idTagInfo.status} for card ${idTag} (transaction ${transactionId}); ${after}`,
  };
}

/** A connector's last card that started a session: kept, and saved with the charger's state. */
export interface KeptCardOutcome {
  connectorId: number;
  localTx: number;
  view: VirtualCardOutcomeView;
}

const SavedCardOutcome = z.object({
  connectorId: z.number().int().min(1),
  localTx: z.number().int(),
  view: z.object({
    idTag: z.string(),
    accepted: z.boolean(),
    status: z.string(),
    confirmed: z.boolean(),
    transactionId: z.number().int().nullable(),
    message: z.string(),
    presentedAt: z.string(),
    at: z.string(),
    revised: z.boolean(),
  }),
}) satisfies z.ZodType<KeptCardOutcome>;

/** Each connector's last card that started a session, its outcome kept current. */
export class StartOutcomes {
  private readonly byConnector = new Map<number, KeptCardOutcome>();

  /**
   * `saved` as the charger's state kept them (none when an older version saved it): one on a connector
   * the charger does not have (`hasConnector`), or that this version cannot read, is left out; the latest
   * per connector counts.
   */
  constructor(saved?: unknown, hasConnector: (connectorId: number) => boolean = () => true) {
    if (!Array.isArray(saved)) return;
    for (const item of saved) {
      const read = SavedCardOutcome.safeParse(item);
      if (read.success && hasConnector(read.data.connectorId)) this.byConnector.set(read.data.connectorId, read.data);
    }
  }

  /** What the charger's state keeps: the latest per connector. */
  saved(): KeptCardOutcome[] {
    return [...this.byConnector.values()];
  }

  /** The first outcome of the card presented at `presentedAt` that started session `localTx` on `connectorId`, known at `at`. */
  keep(connectorId: number, localTx: number, idTag: string, outcome: CardOutcome, presentedAt: string, at: string): void {
    this.byConnector.set(connectorId, { connectorId, localTx, view: { idTag, ...fields(outcome), presentedAt, at, revised: false } });
  }

  /**
   * A later word on session localTx's StartTransaction (its answer, a retry, its drop): an outcome still
   * unconfirmed follows it; a confirmed one stays (the first answer decides). True when it changed.
   */
  heard(localTx: number, answer: StartAnswer, stopOnInvalidId: boolean, at: string): boolean {
    const kept = [...this.byConnector.values()].find((k) => k.localTx === localTx);
    if (!kept || kept.view.confirmed) return false;
    const outcome = startOutcome(kept.connectorId, kept.view.idTag, answer, stopOnInvalidId);
    kept.view = { ...kept.view, ...fields(outcome), at, revised: true };
    return true;
  }

  view(connectorId: number): VirtualCardOutcomeView | null {
    return this.byConnector.get(connectorId)?.view ?? null;
  }
}

function fields(o: CardOutcome): Pick<VirtualCardOutcomeView, 'accepted' | 'status' | 'confirmed' | 'transactionId' | 'message'> {
  return { accepted: o.accepted, status: o.status, confirmed: o.confirmed !== false, transactionId: o.transactionId ?? null, message: o.message };
}
