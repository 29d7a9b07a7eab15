// What a card that started a session comes to: the central system's answer to the StartTransaction decides
// it (accepted with its transaction id, or refused with the idTagInfo status), and without an answer yet the
// outcome says the start is unconfirmed, why, and whether the StartTransaction is still queued or was dropped.
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
  const { transactionId, idTagInfo } = answer;
  if (idTagInfo.status === 'Accepted') {
    return { accepted: true, status: 'Accepted', confirmed: true, transactionId, message: `Transaction ${transactionId} started on connector ${connectorId}` };
  }
  const after = stopOnInvalidId
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
