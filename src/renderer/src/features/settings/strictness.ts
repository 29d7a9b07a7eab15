// What a stricter bench does to the chargers it knows: which of them it would refuse at their next
// connection (a connection open now stays until then), and why, in words; and whether an idTag list
// leaves any card to accept.
import type { BenchSettings, ChargerView, IdTagEntry } from '../../../../shared/api/views';
import { benchNow } from '../../components/benchClock';

type Policy = Pick<BenchSettings, 'requirePassword' | 'unknownChargers'>;

/** Why a charger would be refused: not registered while unknown chargers are refused (403), no password while passwords are required (401). */
export type LockoutReason = 'notRegistered' | 'noPassword';

export interface LockedOut {
  id: string;
  connected: boolean;
  virtual: boolean;
  reasons: LockoutReason[];
}

function reasonsUnder(policy: Policy, c: ChargerView): LockoutReason[] {
  const reasons: LockoutReason[] = [];
  if (policy.unknownChargers === 'reject' && !c.registered) reasons.push('notRegistered');
  if (policy.requirePassword && !c.hasPassword) reasons.push('noPassword');
  return reasons;
}

/**
 * The chargers the bench knows that `next` would refuse at their next connection for a reason `before`
 * did not have: connected ones first. Each carries every reason it would be refused for under `next`.
 */
export function lockedOut(before: Policy, next: Policy, chargers: Iterable<ChargerView>): LockedOut[] {
  const out: LockedOut[] = [];
  for (const c of chargers) {
    const now = reasonsUnder(before, c);
    const then = reasonsUnder(next, c);
    if (!then.some((r) => !now.includes(r))) continue;
    out.push({ id: c.id, connected: c.connected, virtual: c.virtual, reasons: then });
  }
  return out.sort((a, b) => Number(b.connected) - Number(a.connected) || a.id.localeCompare(b.id));
}

const reasonWords: Record<LockoutReason, string> = {
  notRegistered: 'not registered (refused with 403)',
  noPassword: 'no password on the bench (refused with 401)',
};

/** "SITE-CP-0009 (connected now): not registered (refused with 403)" */
export function lockoutLine(c: LockedOut): string {
  return `${c.id}${c.virtual ? ' (virtual)' : ''}${c.connected ? ' (connected now)' : ''}: ${c.reasons.map((r) => reasonWords[r]).join('; ')}`;
}

/** What lets a charger in again, per reason. */
export function lockoutRemedy(c: LockedOut): string {
  const steps: string[] = [];
  if (c.reasons.includes('notRegistered')) steps.push('register it');
  if (c.reasons.includes('noPassword'))
    steps.push(
      c.virtual
        ? 'give it a password on its card on the Virtual chargers screen (Set password…; the bench gets the same)'
        : 'set its password on the Chargers screen (the charger, Password and boot policy) and the same AuthorizationKey on the charger',
    );
  return steps.join(', and ');
}

/** Whether a card can still be accepted with only listed idTags accepted: an entry Accepted and not expired. */
export function acceptedCards(entries: IdTagEntry[], now = benchNow()): number {
  return entries.filter((e) => e.status === 'Accepted' && (e.expiryDate == null || Date.parse(e.expiryDate) > now)).length;
}
