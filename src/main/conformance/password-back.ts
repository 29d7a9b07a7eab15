// A case changed the charger's AuthorizationKey (the bench's password for it went along): at its end both
// go back to the password the bench had. With the charger online, the charger is asked; after a Stop with
// the charger offline nothing waits on it (as for every other put-back, see restorePreconditions): the
// bench's own password is left as the key the charger took, as far as the case's frames tell, and what was
// not put back is named with why. A charger that comes back with neither password within the waits leaves the
// bench expecting the key it took the same way, so that it gets in when it does come back.
import type { CaseContext } from './context';
import type { SeenFrame } from './frames';

export type PasswordTouched = { before: string; given: string };

/**
 * The charger goes back to the password the bench had for it. Whichever of the two it uses now gets it in;
 * then the old key is sent, the bench expects the old password again, and the charger reconnects with it.
 */
export async function restorePassword(t: CaseContext, { before, given }: PasswordTouched): Promise<string | null> {
  const { host } = t;
  const limit = t.data.chargerTimeoutS * 1000;
  const connectedWith = async (password: string) => {
    await host.password.set(password);
    return Boolean(await host.frames.waitFor(t.clock, limit, () => host.frames.connected || null));
  };
  if (!host.frames.connected && !(await connectedWith(given)) && !(await connectedWith(before))) return passwordLeftWhenGone(t, { before, given });
  const connections = host.frames.connections;
  await host.password.set(before);
  const r = await host.operate('ChangeConfiguration', { key: 'AuthorizationKey', value: before }, limit);
  if (r.outcome !== 'completed' || (r.response as { status?: string }).status !== 'Accepted') {
    await host.password.set(given);
    return `putting the AuthorizationKey back: the charger answered ${JSON.stringify('response' in r ? r.response : r.outcome)}; the bench now expects the key the case set`;
  }
  // A charger that keeps its connection uses the old key from its next one, which the bench now expects.
  await host.frames.waitFor(t.clock, limit, () => (host.frames.connected && host.frames.connections > connections) || null);
  return host.frames.connected ? null : 'The charger did not reconnect with its old AuthorizationKey after the case';
}

/**
 * The charger came back with neither password within the waits: the bench is left expecting the key the
 * charger has, as the case's frames tell (as after a Stop with it offline), so a charger slower to come back
 * than the waits gets in with it; the problem says which password the bench expects and what to set by hand.
 */
async function passwordLeftWhenGone(t: CaseContext, { before, given }: PasswordTouched): Promise<string> {
  const what = 'The charger did not reconnect with either password after the case';
  const took = keyTaken(t.host.frames.since(t.firstSeq));
  if (took === 'no') {
    await t.host.password.set(before);
    return `${what}; it did not take the key the case set, and the bench expects the password it had for it before the case again`;
  }
  await t.host.password.set(given);
  const why = took === 'yes' ? 'it accepted the key the case set' : 'whether it took the key the case set is not known (its answer never came)';
  return `${what}; ${why}, so the bench now expects that key${shown(given)} from it, and refuses the password it had before the case: to go back to that password, set it by hand as the charger's AuthorizationKey and as the bench's password for the charger (its settings on the Chargers screen); a charger still on that password needs only the bench's set back`;
}

/** A key named in a problem: a long one (the OCTT test key) shortened as the case's step names it, a short one not shown. */
const shown = (key: string) => (key.length >= 16 ? ` (${key.slice(0, 8)}…${key.slice(-4)})` : '');

/**
 * After a Stop with the charger offline: the charger is not waited for nor asked. The bench expects the
 * key the charger has, as the case's frames tell: the key the case set when the charger accepted it (or
 * may have: its answer never came), else the password from before (the charger never took the new key,
 * so nothing is left to put back). What was not put back, with why, or null.
 */
export async function passwordLeftWhenStopped(t: CaseContext, { before, given }: PasswordTouched): Promise<string | null> {
  const took = keyTaken(t.host.frames.since(t.firstSeq));
  if (took === 'no') {
    await t.host.password.set(before);
    return null;
  }
  await t.host.password.set(given);
  const what = "putting the charger's AuthorizationKey back to the password the bench had for it";
  const why = 'not done: the run was stopped while the charger was offline';
  const then =
    took === 'yes'
      ? 'the charger accepted the key the case set, and the bench now expects that key from it'
      : 'whether the charger took the key the case set is not known (its answer never came); the bench now expects that key from it, and refuses the old one';
  return `${what}: ${why}; ${then}: set the AuthorizationKey and the bench's password for the charger back by hand`;
}

/**
 * Whether the charger took the key the case set: the case's last ChangeConfiguration of AuthorizationKey (its
 * value is redacted in the frames) answered Accepted, not sent or refused, or sent without an answer.
 */
function keyTaken(frames: SeenFrame[]): 'yes' | 'no' | 'unknown' {
  const call = frames.findLast((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'ChangeConfiguration' && body(f)?.key === 'AuthorizationKey');
  if (!call) return 'no';
  const answer = frames.find((f) => f.seq > call.seq && f.direction === 'in' && (f.kind === 'CALLRESULT' || f.kind === 'CALLERROR') && f.messageId === call.messageId);
  if (!answer) return 'unknown';
  if (answer.kind === 'CALLERROR') return 'no';
  const status = body(answer)?.status;
  // RebootRequired: kept for after a reboot, which may come while it is offline. An answer outside the schema: unknown.
  return status === 'Accepted' ? 'yes' : status === 'Rejected' || status === 'NotSupported' ? 'no' : 'unknown';
}

const body = (f: SeenFrame): Record<string, unknown> | null => {
  try {
    const parsed = JSON.parse(f.raw) as unknown[];
    const b = parsed[f.kind === 'CALL' ? 3 : 2];
    return b && typeof b === 'object' ? (b as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
