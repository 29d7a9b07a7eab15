// What a charger has on its way, in words: the operation sent and waiting for its answer (when it went
// out, when it counts as unanswered) and those queued behind it (OCPP allows one call at a time, so a
// call made meanwhile waits, unsent). From the bench's operationChanged events (stores/bench.ts).
import { useMemo } from 'react';
import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import type { OperationProgressView } from '../../../../../shared/api/views';
import { formatClock } from '../../../components/format';
import { useBench } from '../../../stores/bench';
import { useNow } from '../../../components/reach';

const none: OperationProgressView[] = [];

/** How long past its due time a call sent is taken to have ended, whatever the events said (its end may have been missed). */
export const OVERDUE_GRACE_MS = 15_000;

/** The list without calls sent that are long past their due time. */
export function stillOnItsWay(list: OperationProgressView[], now = Date.now()): OperationProgressView[] {
  const over = (o: OperationProgressView) => o.state === 'sent' && o.dueBy !== null && Date.parse(o.dueBy) + OVERDUE_GRACE_MS < now;
  return list.some(over) ? list.filter((o) => !over(o)) : list;
}

/** The charger's operations on their way: the one sent first, then those queued behind it. */
export function useInFlight(chargerId: string): OperationProgressView[] {
  const list = useBench((s) => s.inFlight[chargerId] ?? none);
  // Read again as time passes: a call long past its due time (its end missed) drops out.
  const now = useNow(5_000);
  return useMemo(() => stillOnItsWay(list, now), [list, now]);
}

/** "Reset (sent 09:08:18, answer due by 09:08:48)". */
function sentWords(op: OperationProgressView): string {
  return op.sentAt ? `${op.action} (sent ${formatClock(op.sentAt)}${op.dueBy ? `, answer due by ${formatClock(op.dueBy)}` : ''})` : op.action;
}

/**
 * Where one send stands: queued behind another call (not sent yet), or sent and waiting for its answer;
 * null when the bench has not said (an older bench, or news missed while the link was down).
 */
export function waitingWords(chargerId: string, action: string, ref: string | null | undefined, list: OperationProgressView[]): string | null {
  const at = ref ? list.findIndex((o) => o.ref === ref) : -1;
  if (at < 0) return null;
  const mine = list[at]!;
  if (mine.state === 'sent') return `Waiting for ${chargerId} to answer ${sentWords(mine)}…`;
  const ahead = list.slice(0, at);
  const head = ahead.find((o) => o.state === 'sent') ?? ahead[0];
  if (!head) return `${action} is queued behind another call to ${chargerId}; not sent yet.`;
  const more = ahead.length - 1;
  return `${action} is queued behind ${sentWords(head)}${more > 0 ? ` and ${more} more` : ''}; not sent yet. It goes out once ${chargerId} has answered${more > 0 ? ' them' : ''} (or not in time).`;
}

/** The spinner of a send still waiting, saying whether it is queued or sent. */
export function WaitingAlert({ chargerId, action, opRef }: { chargerId: string; action: string | null; opRef?: string | null }) {
  const list = useInFlight(chargerId);
  const words = waitingWords(chargerId, action ?? 'the operation', opRef, list);
  return (
    <Alert severity="info" icon={<CircularProgress size={20} />} role="status">
      {words ?? `Waiting for ${chargerId} to answer ${action}…`}
    </Alert>
  );
}

/** For a confirmation: what is on its way to the charger, and that what is confirmed now waits behind it. */
export function inFlightWords(list: OperationProgressView[]): string | null {
  if (!list.length) return null;
  const [head, ...rest] = list;
  const first =
    head!.state === 'sent'
      ? `${head!.action} sent ${formatClock(head!.sentAt!)} is still waiting for its answer${head!.dueBy ? ` (due by ${formatClock(head!.dueBy)})` : ''}`
      : `${head!.action} is queued, not sent yet`;
  const queued = rest.length ? `; ${rest.map((o) => o.action).join(', ')} ${rest.length === 1 ? 'is' : 'are'} queued behind it` : '';
  return `${first}${queued}. This will be queued behind ${rest.length ? 'them' : 'it'}, and sent once ${rest.length ? 'they have' : 'it has'} been answered (or not in time).`;
}

export function InFlightNote({ chargerId }: { chargerId: string }) {
  const words = inFlightWords(useInFlight(chargerId));
  return words ? (
    <Alert severity="info" sx={{ mt: 2 }} data-testid="in-flight-note">
      {words}
    </Alert>
  ) : null;
}
