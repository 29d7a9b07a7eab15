// Whether a StopTransaction or MeterValues may act on the transaction it names: only the charger's own.
import type { HandlerContext } from './context';
import { warningNote } from '../../../shared/api/frame-note';

/** Why a StopTransaction or MeterValues was not applied to the transaction it names. */
export function notOwnTransaction(ctx: Pick<HandlerContext, 'auth' | 'chargerId'>, transactionId: number, action: 'StopTransaction' | 'MeterValues'): string {
  const owner = ctx.auth.ownerOf(transactionId);
  if (owner === null) return `${action} for transaction ${transactionId}, which the bench never started: not applied`;
  if (owner !== ctx.chargerId) return `${action} from ${ctx.chargerId} for transaction ${transactionId}, which belongs to charger ${owner}: not applied to it`;
  return `${action} for transaction ${transactionId}, which is already stopped: the first stop is kept`;
}

/**
 * The note a StopTransaction frame the charger sends carries in the message log when the transaction it
 * names is not its own running one (an id the bench never gave out, another charger's, one already
 * stopped): the same words as the warning its handler records. Null for any other frame, and for a stop
 * of the charger's own running transaction. Read as the frame arrives, before it is handled.
 */
export function stopFrameNote(ctx: Pick<HandlerContext, 'auth' | 'chargerId'>, action: string | null, raw: string): string | null {
  if (action !== 'StopTransaction') return null;
  let id: unknown;
  try {
    id = (JSON.parse(raw) as [number, string, string, { transactionId?: unknown }])[3]?.transactionId;
  } catch {
    return null;
  }
  if (typeof id !== 'number' || !Number.isInteger(id)) return null;
  if (ctx.auth.openTransaction(id)?.chargerId === ctx.chargerId) return null;
  return warningNote(notOwnTransaction(ctx, id, 'StopTransaction'));
}
