// What a charger has on its way, in words: the operation sent and waiting for its answer (when it went
// out, when it counts as unanswered) and those queued behind it (OCPP allows one call at a time, so a
// call made meanwhile waits, unsent). From the bench's operationChanged events (stores/bench.ts); what
// one sent from this window is about (the key and value of a ChangeConfiguration) from what it sent
// (stores/operations.ts), by its `ref`.
import { useContext, useMemo } from 'react';
import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import type { OperationProgressView } from '../../../../../shared/api/views';
import { formatClock } from '../../../components/format';
import { useBench } from '../../../stores/bench';
import { useNow } from '../../../components/reach';
import { ClientContext } from '../../../api/context';
import { useChargerSlots, type OperationSlot } from '../../../stores/operations';
import { benchNow } from '../../../components/benchClock';

/** An operation on its way, with what it is about when this window sent it and its action alone does not say. */
export type OnItsWay = OperationProgressView & { about?: string };

const none: OnItsWay[] = [];

/** "of HeartbeatInterval to 60": what a send of `action` is about, for the actions whose name alone does not say it. */
function aboutOf(action: string, request: unknown): string | undefined {
  const r = request as { key?: unknown; value?: unknown } | null | undefined;
  if (action === 'ChangeConfiguration' && typeof r?.key === 'string' && typeof r.value === 'string') {
    const value = r.value === '' ? '(empty)' : r.value.length > 60 ? `${r.value.slice(0, 60)}…` : r.value;
    return `of ${r.key} to ${value}`;
  }
  return undefined;
}

/** The list with what each send of this window's is about. */
function withAbout(list: OnItsWay[], slots: Record<string, OperationSlot> | undefined): OnItsWay[] {
  if (!slots || !list.length) return list;
  const byRef = new Map(Object.values(slots).map((s) => [s.ref, s]));
  return list.map((o) => {
    const about = aboutOf(o.action, byRef.get(o.ref)?.request);
    return about ? { ...o, about } : o;
  });
}

/** "ChangeConfiguration of HeartbeatInterval to 60", or the action alone. */
const named = (op: OnItsWay): string => (op.about ? `${op.action} ${op.about}` : op.action);

/** How long past its due time a call sent is taken to have ended, whatever the events said (its end may have been missed). */
export const OVERDUE_GRACE_MS = 15_000;

/** The list without calls sent that are long past their due time. */
export function stillOnItsWay<T extends OperationProgressView>(list: T[], now = benchNow()): T[] {
  const over = (o: OperationProgressView) => o.state === 'sent' && o.dueBy !== null && Date.parse(o.dueBy) + OVERDUE_GRACE_MS < now;
  return list.some(over) ? list.filter((o) => !over(o)) : list;
}

/** The charger's operations on their way: the one sent first, then those queued behind it. */
export function useInFlight(chargerId: string): OnItsWay[] {
  const list = useBench((s) => s.inFlight[chargerId] ?? none);
  const slots = useChargerSlots(useContext(ClientContext), chargerId);
  // Read again as time passes: a call long past its due time (its end missed) drops out.
  const now = useNow(5_000);
  return useMemo(() => withAbout(stillOnItsWay(list, now), slots), [list, now, slots]);
}

/** "Reset (sent 09:08:18, answer due by 09:08:48)". */
function sentWords(op: OnItsWay): string {
  return op.sentAt ? `${named(op)} (sent ${formatClock(op.sentAt)}${op.dueBy ? `, answer due by ${formatClock(op.dueBy)}` : ''})` : named(op);
}

/**
 * Where one send stands: queued behind another call (not sent yet), or sent and waiting for its answer;
 * null when the bench has not said (an older bench, or news missed while the link was down).
 */
export function waitingWords(chargerId: string, action: string, ref: string | null | undefined, list: OnItsWay[]): string | null {
  const at = ref ? list.findIndex((o) => o.ref === ref) : -1;
  if (at < 0) return null;
  const mine = list[at]!;
  if (mine.state === 'sent') return `Waiting for ${chargerId} to answer ${sentWords(mine)}…`;
  const what = mine.about ? named(mine) : action;
  const ahead = list.slice(0, at);
  const head = ahead.find((o) => o.state === 'sent') ?? ahead[0];
  if (!head) return `${what} is queued behind another call to ${chargerId}; not sent yet.`;
  const more = ahead.length - 1;
  return `${what} is queued behind ${sentWords(head)}${more > 0 ? ` and ${more} more` : ''}; not sent yet. It goes out once ${chargerId} has answered${more > 0 ? ' them' : ''} (or not in time).`;
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
export function inFlightWords(list: OnItsWay[]): string | null {
  if (!list.length) return null;
  const [head, ...rest] = list;
  const first =
    head!.state === 'sent'
      ? `${named(head!)} sent ${formatClock(head!.sentAt!)} is still waiting for its answer${head!.dueBy ? ` (due by ${formatClock(head!.dueBy)})` : ''}`
      : `${named(head!)} is queued, not sent yet`;
  const queued = rest.length ? `; ${rest.map(named).join(', ')} ${rest.length === 1 ? 'is' : 'are'} queued behind it` : '';
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
