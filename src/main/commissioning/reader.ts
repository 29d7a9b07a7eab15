// The card reader step: the installer's card as the charger sends it (chargers that add a serial or change
// the case show here). When the person at the charger says they cannot present the card ("Cannot do"), the
// step asks once more whether the reader reacts at all: a reader that does not read the card is a Fail with
// that note; otherwise the step is inconclusive with what to check, including whether the bench saw the
// charger send an Authorize at all.
import type { CaseContext } from '../conformance/context';
import { OperatorCouldNot, OperatorStopped } from '../conformance/operator';
import { Inconclusive, StepFailure } from '../conformance/types';
import type { CommissioningTemplate } from '../../shared/api/commissioning';
import { judgedThroughOutage } from './prompts';
import { PlainFailure } from './words';
import { payloadOf } from '../conformance/setup-sessions';

/** The follow-up question after "Cannot do": Done records that the reader does not react to the card. */
export const readerQuestion = (idTag: string): string =>
  `The reader does not react to the test card ${idTag}? If holding it to the reader gives no beep and no change of its light, press Done (the step records a reader that does not read the card); if the reader reacts, or you cannot tell, press Skip.`;

/** What the bench saw of the card: the Authorize requests the charger sent during the step (their idTags). */
function authorizesSeen(t: CaseContext): string[] {
  return t.host.frames
    .since(t.firstSeq)
    .filter((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'Authorize')
    .map((f) => String(payloadOf(f).idTag ?? '?'));
}

/** What to check when the card could not be presented, with what the bench saw (an Authorize or none). */
export function readerGuidance(idTag: string, seen: string[]): string {
  const saw = seen.length
    ? `The bench did see the charger send Authorize (idTag ${[...new Set(seen)].join(', ')}): the reader reads cards, so check that the test card is the one configured (${idTag}) and that the charger shows it accepted.`
    : 'The bench saw no Authorize from the charger during this step: no card reached the back office.';
  return `The card could not be presented. ${saw} Check that the reader has power (its light is on), that the test card’s type suits the reader (RFID frequency and technology: MIFARE, DESFire, ISO 14443 or 15693), that the idTag configured in the plan (${idTag}) is the card’s, and that the charger is set to ask the back office for cards (not free charging); then Run again.`;
}

export async function reader(t: CaseContext, template: CommissioningTemplate): Promise<void> {
  t.answerIdTags({ [template.testIdTag]: { status: 'Accepted' } });
  // The charger offline while the card was to reach the bench leaves the reader unjudged (inconclusive), not failed.
  await judgedThroughOutage(t, 'for the card', 'the card reader could not be checked (a card presented while the charger is offline does not reach the bench)', async () => {
    try {
      await t.operator({ kind: 'presentIdTag', connectorId: t.connectorId, idTag: template.testIdTag });
    } catch (e) {
      if (!(e instanceof OperatorCouldNot)) throw e;
      await couldNotPresent(t, template.testIdTag);
    }
    const auth = await t.expect('Authorize', { title: 'Charger sends the card to the bench (Authorize)' });
    t.measure('Card as sent by the charger', auth.payload.idTag, auth.payload.idTag === template.testIdTag, template.testIdTag);
    t.check(auth.payload.idTag === template.testIdTag, `the card sent as ${template.testIdTag}`, `the charger sent "${String(auth.payload.idTag)}": it alters tags (check its reader settings)`);
    await t.expect('StatusNotification', { where: { connectorId: t.connectorId, status: 'Preparing' }, title: 'Charger accepts the card (Preparing)' });
  });
}

/** After "Cannot do": a reader that does not react fails, with a note; otherwise inconclusive, saying what to check. */
async function couldNotPresent(t: CaseContext, idTag: string): Promise<never> {
  const seen = authorizesSeen(t);
  const guidance = readerGuidance(idTag, seen);
  const reacts = await t.operator({ kind: 'confirm', question: readerQuestion(idTag) }).then(
    () => false,
    (e: unknown) => {
      // A Stop while asking ends the step as stopped, not as a reader that reacts.
      if (e instanceof OperatorStopped || t.host.signal?.aborted) throw e;
      return true;
    },
  );
  if (reacts) throw new Inconclusive(guidance);
  t.note(`The person at the charger reports that the reader does not react to the test card ${idTag} (no beep, no light change).`);
  throw new PlainFailure(
    `The reader does not read the card: ${guidance.replace(/^The card could not be presented\. /, '')}`,
    new StepFailure('the reader to read the test card', 'the person at the charger reports that the reader does not react to it'),
  );
}
