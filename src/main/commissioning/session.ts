// The commissioning's test session: the cable in, the session started (by the bench with the site's test
// card, or by the charger itself with the test card it already accepted, e.g. the one presented at the
// card-reader step), meter values for the session's length, then stopped and measured: the energy register from
// meterStart on, the energy delivered, the measurands, the power, and the load limit.
import type { CaseContext } from '../conformance/context';
import type { ChargerCall } from '../conformance/frames';
import { readKey, startedCharging } from '../conformance/states';
import { offlineAtStopWords, PlainFailure } from './words';
import { FakeClock } from '../clock';
import { Inconclusive, StepFailure } from '../conformance/types';
import { awaitSessionEnd, judgeMeterStop, KeptDropping, keptDroppingWords } from './session-stop';
import { noteOutages, noteTime, unmeasuredWords, watchConnection, type Outage, type SessionPhase } from './outages';
import { rebootedDuringSession } from './session-reboot';
import type { CommissioningTemplate } from '../../shared/api/commissioning';
import type { CaseResult } from '../../shared/api/test-runs';
import { NOT_IN_SESSION, SESSION_CONNECTOR_LABEL } from '../../shared/format/session-connector';
import { LIMIT_NOT_SET, LOAD_LIMIT_LABEL, LOAD_LIMIT_STEP, limitNotInForce, NO_TEMPLATE_LIMIT } from '../../shared/api/session-limit';

type Payload = Record<string, unknown>;

/** The power (W) the site's load limit allows, or null without one: amperes are per phase at 230 V. */
export function loadLimitW(template: CommissioningTemplate): number | null {
  const l = template.loadLimit;
  if (!l) return null;
  return l.unit === 'W' ? l.limit : l.limit * 230 * l.phases;
}

/**
 * Why a test session that passed is inconclusive when the template has a load limit the session's power was
 * not judged against (the "Site's load limit" step had not passed when it ran): nothing reopens the session
 * once that step passes later, so it stays open until it runs again.
 */
export function limitNotJudged(verdict: string | null): string {
  const how: Record<string, string> = { fail: 'had failed', inconclusive: 'was inconclusive', error: 'had erred' };
  const when = verdict === null ? 'had not run' : (how[verdict] ?? `had ended ${verdict}`);
  return `The session's power was not judged against the site's load limit: “Site's load limit” ${when} when the session ran. Run “Test session” again after “Site's load limit” passes.`;
}

/** A step's result as this commissioning keeps it (this run's, or an earlier run's that stands), or null. */
export type StepResultOf = (stepId: string) => Pick<CaseResult, 'verdict'> | null;

/** A measured power may stand above the limit by this much (rounding, meter accuracy). */
export const LIMIT_TOLERANCE = 1.02;

/** Reads the energy register (Wh) and the power (W) of a MeterValues payload. */
export function readings(p: Payload): Array<{ measurand: string; value: number; ts: string }> {
  const out: Array<{ measurand: string; value: number; ts: string }> = [];
  for (const mv of (p.meterValue as Array<{ timestamp: string; sampledValue: Array<Record<string, string>> }>) ?? [])
    for (const sv of mv.sampledValue ?? []) {
      const measurand = sv.measurand ?? 'Energy.Active.Import.Register';
      const scale = sv.unit === 'kWh' || sv.unit === 'kW' ? 1000 : 1;
      if (!sv.phase) out.push({ measurand, value: Number(sv.value) * scale, ts: mv.timestamp });
    }
  return out;
}

/** How long a charger holding an accepted card gets, after Preparing, to start the session itself. */
const OWN_START_GRACE_S = 5;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The cable in, and the session started: a charger that already holds the accepted test card (presented at
 * the reader step, within its ConnectionTimeOut) starts it itself on plug-in, with or without Preparing
 * first; that session is the test session. A session it starts with another card is not (the report's
 * session is the test card's): the step fails saying to present the test card. Otherwise the bench starts
 * it with the test card. Returns the session's transaction id and its StartTransaction.
 */
async function startSession(t: CaseContext, idTag: string): Promise<{ tx: number; start: ChargerCall }> {
  const connectorId = t.connectorId;
  const authorizeRemote = (await readKey(t, 'AuthorizeRemoteTxRequests')) === 'true';
  await t.operator({ kind: 'plug', connectorId });
  const { pending } = t.host.frames;
  const ownStart = (c: ChargerCall) => c.action === 'StartTransaction' && c.payload.connectorId === connectorId;
  const preparing = (c: ChargerCall) => c.action === 'StatusNotification' && c.payload.connectorId === connectorId && c.payload.status === 'Preparing';
  const first = await t.step('charger', 'Charger sees the cable (Preparing), or starts a session itself with a card it already accepted', async (ids) => {
    const within = t.data.chargerTimeoutS;
    const got = await t.waitFor(within * 1000, () => pending.find((c) => ownStart(c) || preparing(c)) ?? null);
    if (!got) throw new StepFailure(`StatusNotification (connectorId ${connectorId}, status Preparing) or StartTransaction within ${within} s`, 'nothing came');
    ids.push(got.messageId);
    return got;
  });
  let own: ChargerCall | null = ownStart(first) ? first : null;
  if (!own) {
    await t.expect('StatusNotification', { where: { connectorId, status: 'Preparing' }, title: 'Charger sees the cable (Preparing)' });
    // A charger holding an accepted card may start a moment after Preparing.
    own = await t.waitFor(OWN_START_GRACE_S * 1000, () => pending.find(ownStart) ?? null);
  }
  if (own) {
    const card = String(own.payload.idTag);
    if (card !== idTag) {
      const words = `The charger started a session with the card ${card}, not the test card ${idTag}: present the test card (${idTag}) at the reader before plugging in, or plug in with no card presented, then Run again.`;
      throw new PlainFailure(words, new StepFailure(`a session with the test card ${idTag}`, `the charger started a session with the card ${card}`));
    }
    const [tx, start] = await startedCharging(t, connectorId, idTag);
    t.note(`The charger started the session itself on plug-in, with the test card ${idTag} it had already accepted: it is measured as the test session`, start.messageId);
    return { tx, start };
  }
  await t.send('RemoteStartTransaction', { connectorId, idTag }, { checks: { status: 'Accepted' }, title: `Bench starts the test session with the card ${idTag} (RemoteStartTransaction)` });
  if (authorizeRemote) await t.expect('Authorize', { checks: { idTag }, title: `Charger checks the card ${idTag} (Authorize)` });
  const [tx, start] = await startedCharging(t, connectorId, idTag);
  return { tx, start };
}

/** The payload of the last call of `action` the charger sent in the run for the transaction, and when it came. */
function lastCall(t: CaseContext, action: string, transactionId: number): { payload: Payload; ts: string } | null {
  for (const f of [...t.host.frames.frames].reverse()) {
    if (f.direction !== 'in' || f.kind !== 'CALL' || f.action !== action) continue;
    try {
      const p = (JSON.parse(f.raw) as [number, string, string, Payload])[3];
      if (p.transactionId === transactionId) return { payload: p, ts: f.ts };
    } catch {
      continue;
    }
  }
  return null;
}

/**
 * The test session step, its connection watched: each time the charger was offline during it is a note of
 * the step's result (when it dropped, when it came back or that it did not, how long). A short outage the
 * session goes on through keeps the verdict; a step that ended with the charger still offline could not
 * measure the session: it is inconclusive saying so (not a failure of the charger's charging), and Run again
 * repeats it.
 */
export async function session(t: CaseContext, template: CommissioningTemplate, resultOf: StepResultOf = () => null): Promise<void> {
  // The connector it runs on, and the charger's others (one test session per commissioning): named first, so
  // every place that shows the session (the step, the report, the UI) names its connector, even when it failed.
  t.measure(SESSION_CONNECTOR_LABEL, t.connectorId);
  for (let c = 1; c <= t.pics.connectors; c++) if (c !== t.connectorId) t.measure(`Connector ${c}`, NOT_IN_SESSION, null, `the test session ran on connector ${t.connectorId}`);
  let phase: SessionPhase = 'before';
  const watch = watchConnection(t, () => phase);
  // The limit is judged only when this commissioning set it on the charger (its step passed, in this run or an earlier one that stands).
  const limitStep = resultOf(LOAD_LIMIT_STEP);
  const limitSet = limitStep?.verdict === 'pass';
  const notSet = limitStep ? limitNotInForce(limitStep.verdict) : LIMIT_NOT_SET;
  // When the bench asked the charger to stop the session, and when its StopTransaction came (null: not yet).
  let stopAt: number | null = null;
  let endedAt: number | null = null;
  try {
    await measured(
      t,
      template,
      limitSet ? null : notSet,
      (p) => {
        phase = p;
        if (p === 'after') endedAt = t.clock.now();
      },
      () => (stopAt = t.clock.now()),
      () => watch.outages,
    );
  } catch (e) {
    // The load limit's row is always there: not measured, saying why, when the session ended before it.
    if (!t.measurements.some((m) => m.label === LOAD_LIMIT_LABEL)) {
      const limitW = loadLimitW(template);
      const why = phase === 'before' ? 'the test session did not start' : phase === 'session' ? 'the test session did not finish' : 'the step ended before it';
      t.measure(LOAD_LIMIT_LABEL, limitW === null ? NO_TEMPLATE_LIMIT : !limitSet ? notSet : `not measured: ${why}`, null, limitW === null ? 'no limit set' : `at most ${Math.round(limitW)}`);
    }
    // The charger kept reconnecting without sending the StopTransaction (the wait's cap): inconclusive, saying when it went and came back.
    if (e instanceof KeptDropping && !t.host.signal?.aborted) {
      const simulated = t.clock instanceof FakeClock;
      const since = watch.outages.filter((o) => stopAt === null || (o.to ?? Infinity) >= stopAt);
      const times = since.map((o) => ({ went: noteTime(o.from, simulated), back: o.to === null ? null : noteTime(o.to, simulated) }));
      throw new Inconclusive(keptDroppingWords(e, times, t.data.chargerTimeoutS));
    }
    // The charger rebooted during the session: said so (the outage, its BootNotification, the session kept or
    // lost), the session unmeasured, rather than put down to what the step was waiting for (meter values, the stop).
    const rebooted = (phase as SessionPhase) === 'session' && !t.host.signal?.aborted ? await rebootedDuringSession(t, t.transactionId ?? null, watch.outages) : null;
    if (rebooted) throw rebooted;
    const lost = watch.outages.at(-1);
    // A message that did not come (or an answer) while the charger is away is its absence: the session was not
    // measured. (A check of the step's own on what it measured stays a failure.)
    const failed = e instanceof StepFailure ? t.steps.find((s) => s.status === 'failed' && s.expected === e.expected && s.actual === e.actual) : undefined;
    if (failed && lost && lost.to === null && !t.host.frames.connected && !t.host.signal?.aborted) throw new Inconclusive(unmeasuredWords(lost, t.clock));
    // The charger went offline as the session was stopped and came back: what did not come is said with that
    // outage (when it went, when it was back), not put down to the cable.
    // Only an outage that began during the stop's wait (before its StopTransaction came, or, when it did not,
    // before the wait gave up: the charger's timeout of the stop, longer when it reconnected meanwhile): one
    // that began later (e.g. while waiting for Available after unplug) is not the stop's, and gets the usual words.
    const gaveUp = failed ? Date.parse(failed.startedAt) + failed.ms : 0;
    const began = (o: Outage) => (endedAt !== null ? o.from < endedAt : o.from <= Math.max(gaveUp, stopAt! + t.data.chargerTimeoutS * 1000));
    const atStop = stopAt === null ? undefined : watch.outages.findLast((o): o is Outage & { to: number } => o.to !== null && o.to >= stopAt! && began(o));
    if (failed && atStop && !t.host.signal?.aborted) {
      const simulated = t.clock instanceof FakeClock;
      throw new PlainFailure(offlineAtStopWords(failed, noteTime(atStop.from, simulated), noteTime(atStop.to, simulated)), e as StepFailure);
    }
    throw e;
  } finally {
    noteOutages(t, watch.stop(), t.clock.now());
  }
  // A load limit in the template, and the session not judged against it: not a pass (a charger without smart
  // charging, its "Site's load limit" step not applicable, can never have it set by the bench: its row says so).
  if (loadLimitW(template) !== null && !limitSet && limitStep?.verdict !== 'notApplicable') throw new Inconclusive(limitNotJudged(limitStep?.verdict ?? null));
}

/**
 * A reading that comes this little before the session's planned end (ms) ends it: meter values come at the
 * charger's interval counted from its StartTransaction, and one due at the mark may come a moment early.
 */
const atTheMark = (intervalS: number): number => Math.min(5000, intervalS * 100);
/** What the network may add between the last reading and the stop as the bench got them. */
const NETWORK_MARGIN_MS = 2000;
/** The recommended session length (5 minutes). */
const RECOMMENDED_MS = 300_000;

/** A charger's time (ISO), as epoch ms, or NaN when it has none or it cannot be read. */
const chargerTime = (ts: unknown): number => (typeof ts === 'string' ? Date.parse(ts) : NaN);

/**
 * `notSet`: why the power is not judged against the site's load limit (null: the limit is in force, judged);
 * `outages`: the times the charger was offline during the step so far.
 */
async function measured(
  t: CaseContext,
  template: CommissioningTemplate,
  notSet: string | null,
  phase: (p: SessionPhase) => void,
  stopping: () => void,
  outages: () => readonly Outage[],
): Promise<void> {
  // The site's test card starts the session (a charger or back office that checks remote-start cards knows it).
  t.answerIdTags({ [template.testIdTag]: { status: 'Accepted' } });
  const { tx, start } = await startSession(t, template.testIdTag);
  phase('session');
  // Kept with the step's result: the session the report takes from the record is this one.
  t.transactionId = tx;
  const meterStart = Number(start.payload.meterStart ?? NaN);
  // The session runs from its StartTransaction (the charger counts its meter-value interval from there), not
  // from when the bench had also seen Charging: a reading at the planned end ends it, none more is waited for.
  const startAt = Date.parse(start.ts);
  const started = Number.isFinite(startAt) ? Math.min(startAt, t.clock.now()) : t.clock.now();
  const energy: number[] = [];
  // When the last register reading was taken: the charger's time (its meter value's timestamp), and when it came.
  let lastTaken = NaN;
  let lastCame = NaN;
  const power: number[] = [];
  const seen = new Set<string>();
  const interval = Number(t.pics.config.MeterValueSampleInterval) || 60;
  while (t.clock.now() - started < template.sessionSeconds * 1000 - atTheMark(interval)) {
    // The test session's own (another connector's session may run meanwhile).
    const mv = await t.expect('MeterValues', {
      where: (p) => p.connectorId === t.connectorId && (p.transactionId === undefined || p.transactionId === tx),
      within: interval * 2 + 10,
      title: 'Charger sends meter values',
    });
    for (const r of readings(mv.payload)) {
      seen.add(r.measurand);
      if (r.measurand === 'Energy.Active.Import.Register') {
        energy.push(r.value);
        lastTaken = chargerTime(r.ts);
        lastCame = Date.parse(mv.ts);
      }
      if (r.measurand === 'Power.Active.Import') power.push(r.value);
    }
  }
  // As long as it really ran: meter values come at the charger's interval, so it runs past the plan's length.
  const endedAt = t.clock.now();
  const lengthS = Math.round((endedAt - started) / 1000);
  stopping();
  await t.send('RemoteStopTransaction', { transactionId: tx }, { checks: { status: 'Accepted' }, title: 'Bench stops the test session (RemoteStopTransaction)' });
  // The session is finished once its StopTransaction came, whatever the statuses: a charger that dropped as it
  // stopped sends the StopTransaction when it is back (the wait starts again when it reconnects), and may never
  // report Finishing.
  await awaitSessionEnd(t, tx);
  phase('after');
  const stop = lastCall(t, 'StopTransaction', tx);
  const meterStop = Number(stop?.payload.meterStop ?? NaN);
  // A session that ended at the mark (a reading just before it) of 5 minutes ran its 5 minutes.
  const longEnough = endedAt - started >= RECOMMENDED_MS - atTheMark(interval);
  t.measure('Session length (s)', lengthS, longEnough ? true : null, `${template.sessionSeconds} s planned${longEnough ? '' : '; 300 s (5 minutes) recommended, shorter is noted in the report'}`);
  const wanted = (t.pics.config.MeterValuesSampledData ?? 'Energy.Active.Import.Register')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const missing = wanted.filter((m) => !seen.has(m));
  t.measure('Measurands', [...seen].join(', '), missing.length === 0, wanted.join(', '));
  // The register from the session's start (meterStart counts as its first reading) to its last meter value.
  const register = Number.isFinite(meterStart) ? [meterStart, ...energy] : energy;
  const down = register.findIndex((e, i) => i > 0 && e < register[i - 1]!);
  const judged = energy.length > 0 && register.length >= 2;
  t.measure(
    'Energy register',
    energy.length
      ? `${register[0]} → ${register.at(-1)} Wh (${Number.isFinite(meterStart) ? `meterStart and ${plural(energy.length, 'meter value')}` : plural(energy.length, 'reading')})`
      : 'no readings',
    judged ? down < 0 : energy.length ? null : false,
    judged ? 'never goes down' : 'never goes down (one reading cannot show it)',
  );
  const delivered = Number.isFinite(meterStart) ? (Number.isFinite(meterStop) ? meterStop : (energy.at(-1) ?? NaN)) - meterStart : NaN;
  t.measure('Energy delivered (Wh)', Number.isFinite(delivered) ? delivered : 'not known (no meterStart)', null, Number.isFinite(meterStop) ? 'meterStop − meterStart' : 'last reading − meterStart');
  const maxW = power.length ? Math.max(...power) : NaN;
  const plausible = power.length > 0 && maxW >= template.minPowerW && maxW <= template.ratedPowerW * 1.1;
  t.measure('Power (W)', power.length ? `up to ${Math.round(maxW)}` : 'no power readings', plausible, `${template.minPowerW} to ${template.ratedPowerW}`);
  // The meterStop against the last reading and what the charger could draw from it to the stop (at the
  // session's highest power, else its rating): a stop that came late (after an outage) is not a disagreement.
  // The time between them: when the bench got them (and a little for the network), unless an outage during the
  // session made the readings come late: then by the charger's own times (no longer than the whole session: a
  // clock that jumps gives no more), else by when the bench got them (not judgeable past the reckoning).
  const stopCame = stop ? Date.parse(stop.ts) : t.clock.now();
  const byCharger = chargerTime(stop?.payload.timestamp) - lastTaken;
  const chargerTimes = Number.isFinite(byCharger) && byCharger >= 0;
  const outage = outages().findLast((o) => o.phase === 'session') ?? null;
  const byBench = stopCame - lastCame;
  const last = energy.at(-1) ?? NaN;
  const meterStopJudged = judgeMeterStop({
    meterStop,
    last,
    drawn: last - (Number.isFinite(meterStart) ? meterStart : (energy[0] ?? NaN)),
    gapS: Math.max(0, !outage ? byBench + NETWORK_MARGIN_MS : chargerTimes ? Math.min(byCharger, stopCame - started) : byBench) / 1000,
    gapFromBench: !outage || !chargerTimes,
    maxW: power.length ? maxW : template.ratedPowerW,
    fromPower: power.length > 0,
    outage,
    simulated: t.clock instanceof FakeClock,
  });
  const agree = meterStopJudged.ok;
  t.measure('StopTransaction meterStop (Wh)', Number.isFinite(meterStop) ? meterStop : 'none', agree, meterStopJudged.wanted);
  // Measured before any check decides the step: a session that fails on its power still shows the load limit.
  const limitW = loadLimitW(template);
  const under = limitW !== null && power.length > 0 && maxW <= limitW * LIMIT_TOLERANCE;
  if (limitW === null) t.measure(LOAD_LIMIT_LABEL, NO_TEMPLATE_LIMIT, null, 'no limit set');
  else if (notSet !== null) t.measure(LOAD_LIMIT_LABEL, notSet, null, `at most ${Math.round(limitW)}`);
  else t.measure(LOAD_LIMIT_LABEL, power.length ? `up to ${Math.round(maxW)}` : 'not measured: no power readings came', power.length ? under : false, `at most ${Math.round(limitW)}`);
  t.check(missing.length === 0, `meter values with ${wanted.join(', ')}`, `${missing.join(', ')} never came: check MeterValuesSampledData`);
  t.check(
    energy.length > 0 && down < 0,
    'an energy register that never goes down',
    energy.length ? `it went down at reading ${down + 1} (counting meterStart as the first)` : 'no register readings came',
  );
  t.check(
    plausible,
    `power between ${template.minPowerW} W and ${template.ratedPowerW} W while charging`,
    power.length ? `it reached only ${Math.round(maxW)} W: check the supply, the EV and any limit set on the charger` : 'no power readings came',
  );
  // Disagreeing, in the installer's words (the figures stay in the row); not judged (an outage): said at the end.
  if (agree === false)
    throw new PlainFailure(meterStopJudged.words, new StepFailure('the StopTransaction energy to agree with the meter values', `meterStop ${meterStop} Wh against ${energy.at(-1)} Wh`));
  if (limitW !== null && notSet === null) {
    t.check(
      under,
      `power at most ${Math.round(limitW)} W (the site's load limit)`,
      power.length
        ? `it reached ${Math.round(maxW)} W: the charger does not keep to the limit; check its charging profiles (another profile may override the site's) and its firmware, or set the limit in the vendor's tool`
        : 'no power readings came',
    );
  }
  checkEnded(t, tx);
  await t.operator({ kind: 'unplug', connectorId: t.connectorId });
  await t.expect('StatusNotification', { where: { connectorId: t.connectorId, status: 'Available' }, title: 'Charger is free again (Available)' });
  checkEnded(t, tx);
  if (agree === null) throw new Inconclusive(meterStopJudged.words);
}

/** Statuses of a connector charging (or paused in a session): none may follow the session's StopTransaction. */
const IN_SESSION = new Set(['Charging', 'SuspendedEV', 'SuspendedEVSE']);

/**
 * Fails the step when the charger reported a status of a session in progress on the session's connector after
 * its StopTransaction (Finishing stays optional): the status, and when (the charger's timestamp, else when it came).
 */
function checkEnded(t: CaseContext, transactionId: number): void {
  const after = chargingAfterStop(t, transactionId);
  t.check(
    after === null,
    `no Charging, SuspendedEV or SuspendedEVSE on connector ${t.connectorId} after the session's StopTransaction`,
    after ? `the charger reported ${after.status} on connector ${t.connectorId} at ${after.at}, after the session's StopTransaction: the session did not end on the connector` : '',
  );
}

function chargingAfterStop(t: CaseContext, transactionId: number): { status: string; at: string } | null {
  let stopped = false;
  for (const f of t.host.frames.frames) {
    if (f.direction !== 'in' || f.kind !== 'CALL' || (f.action !== 'StopTransaction' && f.action !== 'StatusNotification')) continue;
    let p: Payload;
    try {
      p = (JSON.parse(f.raw) as [number, string, string, Payload])[3];
    } catch {
      continue;
    }
    if (f.action === 'StopTransaction') stopped ||= p.transactionId === transactionId;
    else if (stopped && p.connectorId === t.connectorId && IN_SESSION.has(String(p.status))) return { status: String(p.status), at: typeof p.timestamp === 'string' ? p.timestamp : f.ts };
  }
  return null;
}

/**
 * The test session's transaction: the one the step kept with its result, or (a step that ended before it
 * could) the one the bench gave the step's StartTransaction on the test connector; null when none started.
 */
export function sessionTransaction(result: Pick<CaseResult, 'frames' | 'transactionId'>, connectorId: number): number | null {
  if (result.transactionId !== undefined) return result.transactionId;
  const body = (raw: string, at: number): Record<string, unknown> | null => {
    try {
      const b = (JSON.parse(raw) as unknown[])[at];
      return b && typeof b === 'object' ? (b as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const start = result.frames.find((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StartTransaction' && body(f.raw, 3)?.connectorId === connectorId);
  const answer = start && result.frames.find((f) => f.direction === 'out' && f.kind === 'CALLRESULT' && f.messageId === start.messageId);
  const id = answer ? body(answer.raw, 2)?.transactionId : undefined;
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}
