// Whether a StopTransaction or MeterValues may act on the transaction it names: only the charger's own.
import type { HandlerContext } from './context';

/** Why a StopTransaction or MeterValues was not applied to the transaction it names. */
export function notOwnTransaction(ctx: HandlerContext, transactionId: number, action: 'StopTransaction' | 'MeterValues'): string {
  const owner = ctx.auth.ownerOf(transactionId);
  if (owner === null) return `${action} for transaction ${transactionId}, which the bench never started: not applied`;
  if (owner !== ctx.chargerId) return `${action} from ${ctx.chargerId} for transaction ${transactionId}, which belongs to charger ${owner}: not applied to it`;
  return `${action} for transaction ${transactionId}, which is already stopped: the first stop is kept`;
}
