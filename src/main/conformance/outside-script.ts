// Messages the charger sends outside the script (declared policy, OCTT cases only: judged() opts a case in;
// a commissioning step keeps every StatusNotification an observation): Heartbeat, MeterValues, DataTransfer
// and StatusNotification may come at any time and are recorded as observations; any other CALL (a second
// StartTransaction for one session, a StopTransaction or Authorize nobody asked for) is out of the
// scenario's order and fails the case, naming it; a BootNotification after a reset or reconnection the case
// itself caused is an observation. A StatusNotification outside the script fails too where it says the
// scenario went wrong: status Faulted or an errorCode other than NoError (unless it repeats the connector's
// status before it: its last StatusNotification in the run, or its status when the case began), Available
// while the cable the case plugged in is still in or a session the case saw start still runs (not after a
// BootNotification of the case until the connector is busy again, nor once the case unplugged the cable or
// its session stopped), and Charging, SuspendedEV or SuspendedEVSE after the case saw the connector's session
// stop, until the connector reports Preparing or Available. While MinimumStatusDuration is not 0 (statuses
// may be held back and bunched) the order rules are observations and only faults fail. The end of every
// case's script looks at what is left; what comes during the put-back after it is recorded as observations
// of the case, with any fault (putBackCalls), and nothing is left for the next case.
import type { CaseContext } from './context';
import type { ChargerCall, SeenFrame } from './frames';
import { StepFailure } from './types';
import { operatorText, type OperatorAction } from './operator';

/** Charge-point messages that may come at any time (declared policy): recorded as observations, never a fail by themselves. */
export const UNSOLICITED = new Set(['Heartbeat', 'MeterValues', 'StatusNotification', 'DataTransfer']);

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The observation's words for a message outside the script. */
export function outsideText(call: ChargerCall): string {
  const p = call.payload;
  const status = call.action === 'StatusNotification' ? ` ${show(p.status)} on connector ${show(p.connectorId)}${p.errorCode && p.errorCode !== 'NoError' ? ` (${show(p.errorCode)})` : ''}` : '';
  return `${call.action}${status} outside the script`;
}

function payloadOf(f: SeenFrame): Record<string, unknown> {
  try {
    const p = (JSON.parse(f.raw) as unknown[])[3];
    return p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The charger's CALLs of the case before `seq`, in order. */
const callsBefore = (t: CaseContext, seq: number) => t.host.frames.since(t.firstSeq).filter((f) => f.seq < seq && f.direction === 'in' && f.kind === 'CALL');

/** The cases the declared policy judges (OCTT cases: judged() in octt16/index.ts), with each connector's status as the case began. */
const judgedCases = new WeakMap<CaseContext, Map<number, string | null>>();

/** Opts a case in to the declared policy's rules on what comes outside the script, taking its connectors' statuses as it begins. */
export function judgeOutsideScript(t: CaseContext): void {
  judgedCases.set(t, new Map(Array.from({ length: t.pics.connectors + 1 }, (_, c) => [c, t.host.connectorStatus(c)])));
}

/** The connector's status before this one: the charger's last StatusNotification for it before the call, else its status as the case began (never the live status, which may already be this one). */
function statusBefore(t: CaseContext, call: ChargerCall, connectorId: number): string | null {
  const last = t.host.frames.frames.findLast((f) => f.seq < call.seq && f.direction === 'in' && f.kind === 'CALL' && f.action === 'StatusNotification' && payloadOf(f).connectorId === connectorId);
  return last ? String(payloadOf(last).status) : (judgedCases.get(t)?.get(connectorId) ?? null);
}

/** Statuses that say the connector is in use again after a boot (the "cable still in" rule applies again from there). */
const BUSY = new Set(['Preparing', 'Charging', 'Finishing', 'SuspendedEV', 'SuspendedEVSE']);

/** Whether a BootNotification of the case came before `seq` with no busy status of the connector since (the connector's statuses after a boot are its own). */
function afterBoot(t: CaseContext, seq: number, connectorId: number): boolean {
  const calls = callsBefore(t, seq);
  const boot = calls.findLastIndex((f) => f.action === 'BootNotification');
  if (boot < 0) return false;
  return !calls.slice(boot + 1).some((f) => f.action === 'StatusNotification' && payloadOf(f).connectorId === connectorId && BUSY.has(String(payloadOf(f).status)));
}

/** The operator step of `action` passed in the case (its title is the action's words). */
const operatorDid = (t: CaseContext, action: OperatorAction) => {
  const title = operatorText(action).replace(/,? then press Done\.$/, '.');
  return t.steps.some((s) => s.by === 'operator' && s.status === 'passed' && s.title === title);
};

/** Whether the case unplugged the cable it had plugged into the connector (it is no longer in t.plugged). */
const unpluggedByCase = (t: CaseContext, connectorId: number) => !t.plugged.has(connectorId) && operatorDid(t, { kind: 'unplug', connectorId });

/**
 * What made the charger reboot or reconnect that the case itself caused, before `seq`, or null: a Reset,
 * UpdateFirmware or a new AuthorizationKey it sent, a ChangeConfiguration answered RebootRequired, the
 * bench dropping the connection, or the person switching the power or the network off and on.
 */
export function rebootCaused(t: CaseContext, seq: number): string | null {
  const frames = t.host.frames.since(t.firstSeq).filter((f) => f.seq < seq);
  for (const f of frames) {
    if (f.direction !== 'out' || f.kind !== 'CALL') continue;
    if (f.action === 'Reset' || f.action === 'UpdateFirmware') return `the ${f.action} the case sent`;
    if (f.action === 'ChangeConfiguration' && payloadOf(f).key === 'AuthorizationKey') return 'the new AuthorizationKey the case set';
    const answer = frames.find((a) => a.direction === 'in' && a.kind === 'CALLRESULT' && a.messageId === f.messageId);
    if (f.action === 'ChangeConfiguration' && answer && /"status"\s*:\s*"RebootRequired"/.test(answer.raw)) return 'the ChangeConfiguration the charger answered RebootRequired';
  }
  if (t.steps.some((s) => s.by === 'bench' && s.status === 'passed' && s.title.startsWith('Bench drops the connection'))) return 'the connection the bench dropped';
  const kinds = ['powerCycle', 'powerOff', 'powerOn', 'disconnectNetwork', 'reconnectNetwork'] as const;
  const done = kinds.find((kind) => operatorDid(t, { kind }));
  return done ? `the person at the charger (${operatorText({ kind: done }).replace(/,? then press Done\.$/, '')})` : null;
}

/** A message outside the script the declared policy tolerates although it is not one that may come at any time: a BootNotification after a reboot or reconnection the case caused. */
export function toleratedOutside(t: CaseContext, call: ChargerCall): string | null {
  if (!judgedCases.has(t) || call.action !== 'BootNotification') return null;
  const cause = rebootCaused(t, call.seq);
  return cause ? `BootNotification outside the script, after ${cause} (a reboot the case caused)` : null;
}

/** Whether the case saw a session start on the connector and run on ('running'), stop ('stopped'), or neither (null), before `seq`. */
function sessionBefore(t: CaseContext, seq: number, connectorId: number): 'running' | 'stopped' | null {
  const ours = new Set<unknown>();
  let state: 'running' | 'stopped' | null = null;
  for (const f of callsBefore(t, seq)) {
    const p = payloadOf(f);
    if (f.action === 'StartTransaction' && p.connectorId === connectorId) {
      state = 'running';
      const answer = t.host.frames.frames.find((a) => a.seq > f.seq && a.direction === 'out' && a.kind === 'CALLRESULT' && a.messageId === f.messageId);
      if (answer) ours.add((JSON.parse(answer.raw) as [number, string, { transactionId?: unknown }])[2]?.transactionId);
    } else if (f.action === 'StopTransaction' && ours.has(p.transactionId)) state = 'stopped';
    // Once the connector reported Preparing or Available after the stop, that session is over (a new one may begin).
    else if (state === 'stopped' && f.action === 'StatusNotification' && p.connectorId === connectorId && (p.status === 'Preparing' || p.status === 'Available')) state = null;
  }
  return state;
}

/**
 * Why a message outside the script fails the case (the failure), or null when the declared policy
 * tolerates it (an observation).
 */
export function outsideFailure(t: CaseContext, call: ChargerCall): StepFailure | null {
  if (!judgedCases.has(t)) return UNSOLICITED.has(call.action) ? null : new StepFailure("only the scenario's messages", `the charger sent ${call.action} ${show(call.payload)} outside the script`);
  if (toleratedOutside(t, call)) return null;
  const tolerated = 'a message the declared policy tolerates outside the script (Heartbeat, MeterValues, DataTransfer, a StatusNotification that does not contradict it)';
  const sent = `the charger sent ${call.action} ${show(call.payload)} outside the script`;
  if (!UNSOLICITED.has(call.action)) return new StepFailure(`only the scenario's messages and ${tolerated}`, `${sent}, which the scenario does not have`);
  if (call.action !== 'StatusNotification') return null;
  const { connectorId, status, errorCode } = call.payload;
  if (typeof connectorId !== 'number') return null;
  const before = statusBefore(t, call, connectorId);
  const contradicts = (why: string) => new StepFailure(`no StatusNotification that contradicts the scenario (declared policy)`, `${sent}: ${why}`);
  if ((status === 'Faulted' || (errorCode !== undefined && errorCode !== 'NoError')) && before !== status)
    return contradicts(`a fault (${show(errorCode ?? 'no errorCode')}) the scenario does not have, on connector ${connectorId} that was ${before ?? 'unknown'}`);
  // A charger that refused MinimumStatusDuration 0 (or a case that set it) may hold statuses back and bunch
  // them: their order says nothing, so the order rules below are observations then (faults still fail).
  const msd = t.pics.config.MinimumStatusDuration;
  if (msd !== undefined && msd !== null && Number(msd) !== 0) return null;
  const session = sessionBefore(t, call.seq, connectorId);
  // After a boot of the case the connector's statuses are the charger's own report of it (the case's decisions
  // say which it checks), and once the case unplugged the cable a session not stopped yet may end after Available.
  const booted = afterBoot(t, call.seq, connectorId);
  const running = session === 'running' && !unpluggedByCase(t, connectorId);
  // Available once the case's session stopped, the cable still in: OCPP 1.6 allows it once all user interaction is complete.
  if (status === 'Available' && before !== 'Available' && !booted && session !== 'stopped' && (t.plugged.has(connectorId) || running))
    return contradicts(
      running ? `Available while the session the case started on connector ${connectorId} still runs` : `Available while the cable the case plugged in is still in connector ${connectorId}`,
    );
  if ((status === 'Charging' || status === 'SuspendedEV' || status === 'SuspendedEVSE') && session === 'stopped')
    return contradicts(`${status} on connector ${connectorId} after its session stopped (StopTransaction), with no new one started`);
  return null;
}

/**
 * The end of a case's script: what the charger sent that no step took is judged as outside the script (a
 * failure in a step of its own, naming it; an observation where tolerated).
 */
export async function scriptEnded(t: CaseContext): Promise<void> {
  if (t.host.signal?.aborted) return;
  await t.host.frames.settle();
  const { pending } = t.host.frames;
  while (pending.length > 0) {
    const call = pending.shift()!;
    const failure = outsideFailure(t, call);
    if (!failure) {
      t.observe(toleratedOutside(t, call) ?? outsideText(call), call.messageId);
      continue;
    }
    await t.step('bench', { title: `Charger sends nothing outside the script but what the declared policy tolerates`, expected: failure.expected }, async (ids) => {
      ids.push(call.messageId);
      throw failure;
    });
  }
}

/** What the put-back's own work makes a charger send (its RemoteStop, unplugging, availability, a reset): none of the case's business. */
const PUT_BACK_CAUSES = new Set(['Heartbeat', 'MeterValues', 'StatusNotification', 'StopTransaction', 'BootNotification']);

/**
 * The charger's CALLs that came after the end of a judged case's script, while it was put back, and that
 * the put-back did not cause: recorded as observations of the case (not judged: when a late message comes
 * depends on the charger's timing, and the put-back's own work sets off messages of its own).
 */
export function putBackCalls(t: CaseContext): void {
  if (!judgedCases.has(t)) return;
  for (const call of t.host.frames.pending)
    if (!PUT_BACK_CAUSES.has(call.action) || faultStatus(call))
      t.observe(`${outsideText(call)}: it came after the script's last step, while the charger was put back (an observation, not judged)`, call.messageId);
}

/** A StatusNotification that reports a fault: Faulted, or an errorCode other than NoError. */
function faultStatus(call: ChargerCall): boolean {
  const { status, errorCode } = call.payload;
  return call.action === 'StatusNotification' && (status === 'Faulted' || (errorCode !== undefined && errorCode !== 'NoError'));
}
