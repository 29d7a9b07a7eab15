// A case changed the charger's AuthorizationKey (the bench's password for it went along): at its end both
// go back to the password the bench had. With the charger online, the charger is asked; after a Stop with
// the charger offline nothing waits on it (as for every other put-back, see restorePreconditions): the
// bench's own password is left as the key the charger took, as far as the case's frames tell, and what was
// not put back is named with why. A charger that comes back with neither password within the waits leaves the
// bench expecting the key it took the same way, so that it gets in when it does come back. When the charger's
// answer to the new key never came (no answer, or the connection dropped first), whether it took it is not
// known: it is let in with either the new key or the password from before until it connects with one of
// them, and that one is kept (the record of its connection, and the case's observation, say which). Both are
// kept in the record, so a restart of the bench meanwhile does not end it.
import type { CaseContext } from './context';
import type { SeenFrame } from './frames';
import type { EitherPassword } from '../central-system/registry';

export type PasswordTouched = { before: string; given: string };

/** Letting the charger in with the password from before the case besides the key it set, in the record's words. */
const eitherOf = (t: CaseContext, before: string): EitherPassword => ({
  password: before,
  name: `the password it had before ${t.caseId}`,
  ownName: `the AuthorizationKey ${t.caseId} set`,
  why: `whether it took the AuthorizationKey ${t.caseId} set was not known (its answer never came)`,
});

/**
 * When the charger's answer to the case's new key never came: from now on it is let in with either that key
 * or the password from before, and keeps the one it connects with. Whether it was so.
 */
export async function letInEitherIfUnanswered(t: CaseContext, { before, given }: PasswordTouched): Promise<boolean> {
  if (keyTaken(t.host.frames.since(t.firstSeq)) !== 'unanswered') return false;
  await t.host.password.set(given, eitherOf(t, before));
  return true;
}

/**
 * The charger goes back to the password the bench had for it. Whichever of the two it uses now gets it in;
 * then the old key is sent, the bench expects the old password again, and the charger reconnects with it.
 * A charger whose answer to the new key never came is let in with either at once (not one after the other),
 * and one that comes back with the password from before has nothing to put back.
 */
export async function restorePassword(t: CaseContext, { before, given }: PasswordTouched): Promise<string | null> {
  const { host } = t;
  const limit = t.data.chargerTimeoutS * 1000;
  const took = keyTaken(host.frames.since(t.firstSeq));
  const connectedWith = async (password: string) => {
    await host.password.set(password);
    return Boolean(await host.frames.waitFor(t.clock, limit, () => host.frames.connected || null));
  };
  // The key the charger has as far as the bench knows (null: either).
  let has: string | null = took === 'yes' ? given : took === 'no' ? before : null;
  if (took === 'unanswered' && !host.frames.connected) {
    await host.password.set(given, eitherOf(t, before));
    if (!(await host.frames.waitFor(t.clock, limit * 2, () => host.frames.connected || null))) return passwordLeftWhenGone(t, { before, given }, took);
  }
  // Connected again since the key went out (now, or already during the case): either password let it in, and
  // the bench kept the one it used. Still on the connection from before, it may have either.
  if (took === 'unanswered' && backSinceKey(t)) {
    has = host.password.get() === before ? before : given;
    const which = has === before ? `the password it had before ${t.caseId}, so it did not take the new key: nothing to put back` : `the AuthorizationKey ${t.caseId} set`;
    t.observe(`The charger came back with ${which} (its answer to the new key never came, so the bench let it in with either)`);
    if (has === before) return null;
  } else if (!host.frames.connected) {
    if (await connectedWith(given)) has = given;
    else if (await connectedWith(before)) has = before;
    else return passwordLeftWhenGone(t, { before, given }, took);
  }
  const connections = host.frames.connections;
  await host.password.set(before);
  const r = await host.operate('ChangeConfiguration', { key: 'AuthorizationKey', value: before }, limit);
  if (r.outcome !== 'completed' || (r.response as { status?: string }).status !== 'Accepted') {
    const answer = JSON.stringify('response' in r ? r.response : r.outcome);
    // Its answer never came (or the key it had was not known): either password may be the one it has.
    if (has === null || r.outcome === 'timeout' || r.outcome === 'offline') {
      await host.password.set(given, eitherOf(t, before));
      return `putting the AuthorizationKey back: the charger answered ${answer}; whether it has the key the case set or the password from before is not known, so the bench lets it in with either until it connects with one of them, and keeps that one`;
    }
    await host.password.set(given);
    return `putting the AuthorizationKey back: the charger answered ${answer}; the bench now expects the key the case set`;
  }
  // A charger that keeps its connection uses the old key from its next one, which the bench now expects.
  await host.frames.waitFor(t.clock, limit, () => (host.frames.connected && host.frames.connections > connections) || null);
  return host.frames.connected ? null : 'The charger did not reconnect with its old AuthorizationKey after the case';
}

/**
 * The charger came back with neither password within the waits: the bench is left expecting the key the
 * charger has, as the case's frames tell (as after a Stop with it offline), so a charger slower to come back
 * than the waits gets in with it; the problem says which password the bench expects and what to set by hand.
 * When its answer to the new key never came, either password still lets it in, and the one it uses is kept.
 */
async function passwordLeftWhenGone(t: CaseContext, { before, given }: PasswordTouched, took: KeyTaken): Promise<string> {
  const what = 'The charger did not reconnect with either password after the case';
  if (took === 'no') {
    await t.host.password.set(before);
    return `${what}; it did not take the key the case set, and the bench expects the password it had for it before the case again`;
  }
  if (took === 'unanswered') {
    await t.host.password.set(given, eitherOf(t, before));
    return `${what}; whether it took the key the case set is not known (its answer never came), so the bench lets it in with either that key${shown(given)} or the password it had before the case, and keeps the one it comes back with (the record of its connection says which)`;
  }
  await t.host.password.set(given);
  const why = took === 'yes' ? 'it accepted the key the case set' : `whether it took the key the case set is not known (${UNKNOWN})`;
  return `${what}; ${why}, so the bench now expects that key${shown(given)} from it, and refuses the password it had before the case: to go back to that password, set it by hand as the charger's AuthorizationKey and as the bench's password for the charger (its settings on the Chargers screen); a charger still on that password needs only the bench's set back`;
}

/** Why a key's answer leaves it unknown whether the charger took it, when the answer did come. */
const UNKNOWN = 'it answered neither Accepted nor a refusal';

/** A key named in a problem: a long one (the OCTT test key) shortened as the case's step names it, a short one not shown. */
const shown = (key: string) => (key.length >= 16 ? ` (${key.slice(0, 8)}…${key.slice(-4)})` : '');

/**
 * After a Stop with the charger offline: the charger is not waited for nor asked. The bench expects the
 * key the charger has, as the case's frames tell: the key the case set when the charger accepted it, else
 * the password from before (the charger never took the new key, so nothing is left to put back); when its
 * answer never came, either, until it connects with one of them. What was not put back, with why, or null.
 */
export async function passwordLeftWhenStopped(t: CaseContext, { before, given }: PasswordTouched): Promise<string | null> {
  const took = keyTaken(t.host.frames.since(t.firstSeq));
  if (took === 'no') {
    await t.host.password.set(before);
    return null;
  }
  await t.host.password.set(given, took === 'unanswered' ? eitherOf(t, before) : undefined);
  const what = "putting the charger's AuthorizationKey back to the password the bench had for it";
  const why = 'not done: the run was stopped while the charger was offline';
  const then =
    took === 'yes'
      ? "the charger accepted the key the case set, and the bench now expects that key from it: set the AuthorizationKey and the bench's password for the charger back by hand"
      : took === 'unanswered'
        ? `whether the charger took the key the case set is not known (its answer never came); the bench lets it in with either that key or the password it had before the case, and keeps the one it comes back with (the record of its connection says which): when that is the key the case set, set the AuthorizationKey and the bench's password for the charger back by hand`
        : `whether the charger took the key the case set is not known (${UNKNOWN}); the bench now expects that key from it, and refuses the old one: set the AuthorizationKey and the bench's password for the charger back by hand`;
  return `${what}: ${why}; ${then}`;
}

type KeyTaken = 'yes' | 'no' | 'unanswered' | 'unknown';

/**
 * Whether the charger took the key the case set: the case's last ChangeConfiguration of AuthorizationKey (its
 * value is redacted in the frames) answered Accepted, not sent or refused, sent without an answer (unanswered),
 * or answered otherwise (unknown).
 */
function keyTaken(frames: SeenFrame[]): KeyTaken {
  const call = keyCall(frames);
  if (!call) return 'no';
  const answer = frames.find((f) => f.seq > call.seq && f.direction === 'in' && (f.kind === 'CALLRESULT' || f.kind === 'CALLERROR') && f.messageId === call.messageId);
  if (!answer) return 'unanswered';
  if (answer.kind === 'CALLERROR') return 'no';
  const status = body(answer)?.status;
  // RebootRequired: kept for after a reboot, which may come while it is offline. An answer outside the schema: unknown.
  return status === 'Accepted' ? 'yes' : status === 'Rejected' || status === 'NotSupported' ? 'no' : 'unknown';
}

/** The case's last ChangeConfiguration of AuthorizationKey, if it sent one. */
const keyCall = (frames: SeenFrame[]): SeenFrame | undefined =>
  frames.findLast((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'ChangeConfiguration' && body(f)?.key === 'AuthorizationKey');

/** Whether the charger connected again after the case's new key went out. */
const backSinceKey = (t: CaseContext): boolean => {
  const call = keyCall(t.host.frames.since(t.firstSeq));
  return !!call && t.host.frames.links.some((l) => l.up && l.seq > call.seq);
};

const body = (f: SeenFrame): Record<string, unknown> | null => {
  try {
    const parsed = JSON.parse(f.raw) as unknown[];
    const b = parsed[f.kind === 'CALL' ? 3 : 2];
    return b && typeof b === 'object' ? (b as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
