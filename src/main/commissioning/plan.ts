// A commissioning plan as steps on the test engine: each step is a case with the charger's answers as its
// evidence and what it found as measurements (identity, clock skew, the configuration diff, the card as
// sent, the offline policy in words, the session's energy and power), ending in pass, fail or not
// applicable with what to do about a failure.
import { StepFailure, type CaseDefinition } from '../conformance/types';
import type { CaseContext } from '../conformance/context';
import { readKey } from '../conformance/states';
import { offlinePolicyWords, type CommissioningTemplate, type OfflinePolicy } from '../../shared/api/commissioning';
import { LIMIT_TOLERANCE, loadLimitW, session, type StepResultOf } from './session';
import { LOAD_LIMIT_STEP } from '../../shared/api/session-limit';
import { inWords, PlainFailure } from './words';
import { availabilityEach, unlockEach } from './each-connector';
import { reader } from './reader';
import { connectorsAvailable } from './connectors';

export { loadLimitW, readings } from './session';

/** A step of the plan: its failures and a Stop said in the installer's words (see words.ts). */
const step = (id: string, title: string, section: string, run: (t: CaseContext) => Promise<void>, extra: Partial<CaseDefinition> = {}): CaseDefinition => ({
  id,
  title,
  profile: 'Core',
  section,
  run: (t) => inWords(t, id, () => run(t)),
  ...extra,
});

/**
 * Who the charger says it is, its own time against the laptop's (from a StatusNotification it is asked
 * to send), and its heartbeat: when the last one came before the step, and one sent when asked.
 */
async function identityAndClock(t: CaseContext, template: CommissioningTemplate): Promise<void> {
  const ownHeartbeat = t.lastHeartbeat();
  await t.send('TriggerMessage', { requestedMessage: 'BootNotification' }, { checks: { status: 'Accepted' }, title: 'Bench asks the charger to tell who it is (TriggerMessage BootNotification)' });
  const boot = await t.expect('BootNotification', { title: 'Charger sends BootNotification (identity)' });
  const p = boot.payload;
  for (const [label, key] of [
    ['Vendor', 'chargePointVendor'],
    ['Model', 'chargePointModel'],
    ['Charge point serial', 'chargePointSerialNumber'],
    ['Charge box serial', 'chargeBoxSerialNumber'],
    ['Firmware', 'firmwareVersion'],
    ['Meter type', 'meterType'],
    ['Meter serial', 'meterSerialNumber'],
    ['ICCID', 'iccid'],
    ['IMSI', 'imsi'],
  ] as const)
    t.measure(label, p[key] ?? 'not reported');
  await t.send(
    'TriggerMessage',
    { requestedMessage: 'StatusNotification', connectorId: t.connectorId },
    { checks: { status: 'Accepted' }, title: "Bench asks for a status, to read the charger's clock" },
  );
  const status = await t.expect('StatusNotification', { where: { connectorId: t.connectorId } });
  const theirs = typeof status.payload.timestamp === 'string' ? Date.parse(status.payload.timestamp) : NaN;
  if (Number.isNaN(theirs)) t.measure('Clock', 'the charger sent no timestamp', null);
  else {
    const skew = Math.round((theirs - Date.parse(status.ts)) / 1000);
    t.measure('Clock difference with this laptop (s)', skew, Math.abs(skew) <= template.maxClockSkewS, `within ±${template.maxClockSkewS}`);
    t.check(Math.abs(skew) <= template.maxClockSkewS, `the charger's clock within ${template.maxClockSkewS} s of this laptop's`, `it is ${skew} s off: set its time (NTP, or the vendor's tool)`);
  }
  const interval = t.pics.config.HeartbeatInterval ?? null;
  t.measure('HeartbeatInterval (s)', interval ?? 'not reported');
  // Informational: OCPP lets a charger skip a heartbeat while it sends other messages.
  const ago = ownHeartbeat === null ? NaN : Math.round((t.clock.now() - Date.parse(ownHeartbeat)) / 1000);
  t.measure(
    'Last Heartbeat before this step',
    Number.isNaN(ago) ? 'none recorded yet' : `${ago} s ago`,
    null,
    interval === null ? undefined : `every ${interval} s (one may be skipped while other messages flow)`,
  );
  await t.send('TriggerMessage', { requestedMessage: 'Heartbeat' }, { checks: { status: 'Accepted' }, title: 'Bench asks the charger for a Heartbeat' });
  await t.expect('Heartbeat', { title: 'Charger sends a Heartbeat (its link to the back office is kept alive)' });
}

/** The site's baseline: each key set, read back, and a diff of wanted, was, now and the charger's answer. */
async function baseline(t: CaseContext, template: CommissioningTemplate): Promise<void> {
  const answers = new Map<string, string>();
  let reboot = false;
  for (const [key, wanted] of Object.entries(template.keys)) {
    if (!(key in t.pics.config)) {
      answers.set(key, 'NotSupported (the charger does not report this key)');
      continue;
    }
    if (t.pics.config[key] === wanted) {
      answers.set(key, 'already set');
      continue;
    }
    if (t.pics.readOnly.includes(key)) {
      answers.set(key, 'read-only');
      continue;
    }
    const r = await t.send('ChangeConfiguration', { key, value: wanted }, { title: `Bench sets ${key} to ${wanted}`, callErrors: 'any' });
    const answer = String(r.status ?? `CALLERROR ${String(r.callError)}`);
    answers.set(key, answer);
    if (answer === 'RebootRequired') reboot = true;
  }
  if (reboot) {
    await t.send('Reset', { type: 'Soft' }, { checks: { status: 'Accepted' }, title: 'Bench restarts the charger: a key needs a reboot' });
    await t.expect('BootNotification', { within: 180 });
  }
  const keys = Object.keys(template.keys);
  const read = keys.length ? await t.send('GetConfiguration', { key: keys }, { title: 'Bench reads the keys back' }) : { configurationKey: [] };
  const now = new Map(((read.configurationKey as Array<{ key: string; value?: string }>) ?? []).map((k) => [k.key, k.value ?? null]));
  const wrong: string[] = [];
  for (const [key, wanted] of Object.entries(template.keys)) {
    const value = now.get(key) ?? null;
    // The charger's answer counts as much as the value read back: a Rejected key it shows anyway is not trusted.
    const ok = value === wanted && ['Accepted', 'RebootRequired', 'already set'].includes(answers.get(key) ?? '');
    if (!ok) wrong.push(`${key} (${answers.get(key)})`);
    t.measure(key, `was ${t.pics.config[key] ?? '—'}, now ${value ?? '—'} (${answers.get(key)})`, ok, wanted);
    if (value !== null) t.pics.config[key] = value;
  }
  t.check(
    wrong.length === 0,
    'every key of the baseline at its wanted value',
    `${wrong.join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not: where the charger answers Rejected or the key is read-only, set it in the vendor's tool`,
  );
}

export function offlinePolicyOf(c: Record<string, string | null>, listVersion: number): OfflinePolicy {
  const on = (k: string) => c[k]?.toLowerCase() === 'true';
  if (on('AllowOfflineTxForUnknownId')) return 'anyCard';
  if (!on('LocalAuthorizeOffline')) return 'noCharging';
  if (on('AuthorizationCacheEnabled')) return 'knownCards';
  return on('LocalAuthListEnabled') && listVersion > 0 ? 'localListOnly' : 'noCharging';
}

async function offlinePolicy(t: CaseContext, template: CommissioningTemplate): Promise<void> {
  const keys = ['LocalAuthorizeOffline', 'LocalAuthListEnabled', 'AllowOfflineTxForUnknownId', 'AuthorizationCacheEnabled'];
  for (const k of keys) t.measure(k, (await readKey(t, k)) ?? 'not reported');
  const version = Number((await t.send('GetLocalListVersion', {}, { callErrors: 'any' })).listVersion ?? 0);
  t.measure('Local list version', version);
  const c: Record<string, string | null> = {};
  for (const m of t.measurements) c[m.label] = m.value;
  const policy = offlinePolicyOf(c, version);
  t.measure('When the back office is unreachable', offlinePolicyWords[policy], policy === template.offlinePolicy, offlinePolicyWords[template.offlinePolicy]);
  t.check(policy === template.offlinePolicy, `the site's offline policy: ${offlinePolicyWords[template.offlinePolicy]}`, `on this charger ${offlinePolicyWords[policy]}`);
}

/** The id of the bench's TxDefaultProfile carrying the site's load limit (kept on the charger: it is the site's). */
export const SITE_LIMIT_PROFILE_ID = 9100;

/** The site's load limit set as a TxDefaultProfile on every connector, and the composite schedule read back. */
async function loadLimit(t: CaseContext, template: CommissioningTemplate): Promise<void> {
  const l = template.loadLimit;
  if (!l) t.notApplicable('The template sets no load limit');
  const limitW = loadLimitW(template)!;
  const words = `${l.limit} ${l.unit}${l.unit === 'A' ? ` per phase on ${l.phases} phase${l.phases > 1 ? 's' : ''}` : ''}`;
  t.measure("Site's load limit", `${words} (${Math.round(limitW)} W)`);
  t.check(
    t.pics.profiles.includes('SmartCharging'),
    'a charger with smart charging (SetChargingProfile), to hold the limit',
    "it does not report the SmartCharging profile: set the limit in the vendor's tool or the installation (the charger's current setting)",
  );
  const set = await t.send(
    'SetChargingProfile',
    {
      connectorId: 0,
      csChargingProfiles: {
        chargingProfileId: SITE_LIMIT_PROFILE_ID,
        stackLevel: 0,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: { chargingRateUnit: l.unit, chargingSchedulePeriod: [{ startPeriod: 0, limit: l.limit, ...(l.unit === 'A' ? { numberPhases: l.phases } : {}) }] },
      },
    },
    { title: `Bench sets the site's load limit, ${words} (SetChargingProfile TxDefaultProfile)` },
  );
  t.measure('SetChargingProfile', set.status, set.status === 'Accepted', 'Accepted');
  t.check(
    set.status === 'Accepted',
    'the charger to accept the load limit',
    `it answered ${String(set.status)}: check ChargingScheduleAllowedChargingRateUnit (it reports ${t.pics.config.ChargingScheduleAllowedChargingRateUnit ?? 'nothing'}) and ChargeProfileMaxStackLevel, or set the limit in the vendor's tool`,
  );
  const read = await t.send(
    'GetCompositeSchedule',
    { connectorId: t.connectorId, duration: template.sessionSeconds, chargingRateUnit: l.unit },
    { title: 'Bench reads the schedule back (GetCompositeSchedule)' },
  );
  const periods = ((read.chargingSchedule as { chargingSchedulePeriod?: Array<{ limit: number }> } | undefined)?.chargingSchedulePeriod ?? []).map((p) => p.limit);
  const highest = periods.length ? Math.max(...periods) : null;
  const kept = read.status === 'Accepted' && highest !== null && highest <= l.limit * LIMIT_TOLERANCE;
  t.measure(
    `Composite schedule on connector ${t.connectorId}`,
    read.status === 'Accepted' ? (highest === null ? 'no limit' : `at most ${highest} ${l.unit}`) : String(read.status),
    kept,
    `at most ${l.limit} ${l.unit}`,
  );
  t.check(
    kept,
    `the composite schedule at most ${l.limit} ${l.unit}`,
    read.status !== 'Accepted'
      ? `the charger answered ${String(read.status)}: it cannot show what limit it applies; check its smart charging support`
      : highest === null
        ? 'it sets no limit: the charger does not apply the profile; check its firmware'
        : `it allows ${highest} ${l.unit}: another charging profile (a higher stack level) overrides the site's limit; clear it (ClearChargingProfile) or lower it`,
  );
}

/**
 * Why no BootNotification came within 300 s of the reset, in an installer's words, from what the bench saw of
 * the charger's connection since the reset went out (`connections`: how many times it had connected then).
 */
function notBackWords(t: CaseContext, connections: number): string {
  const none = 'No BootNotification within 300 s of the reset';
  const frames = t.host.frames;
  const reconnected = frames.connections > connections;
  if (!reconnected && !frames.connected) return `${none}: the charger did not come back; check its power and network (it must reconnect by itself after a reboot), then Run again.`;
  if (!reconnected)
    return `${none}: the charger stayed connected and did not restart, though it accepted the Reset; check that its firmware carries out a Soft reset (update it if not), then Run again.`;
  if (!frames.connected)
    return `${none}: the charger reconnected after the reset but went offline again without sending one; check its power and network (it must stay connected after a reboot), then Run again.`;
  return `${none}: the charger came back (it reconnected after the reset) but did not send one; a charger must send a BootNotification each time it starts: check its firmware (update it if it can), then Run again.`;
}

async function reset(t: CaseContext): Promise<void> {
  const connections = t.host.frames.connections;
  await t.send('Reset', { type: 'Soft' }, { checks: { status: 'Accepted' } });
  const sent = t.clock.now();
  const boot = await t.expect('BootNotification', { within: 300, title: 'Charger comes back and boots' }).catch((e: unknown) => {
    if (!(e instanceof StepFailure) || !/^nothing came/.test(e.actual)) throw e;
    throw new PlainFailure(notBackWords(t, connections), e);
  });
  const seconds = Math.round((Date.parse(boot.ts) - sent) / 1000);
  t.measure('Back after a reset (s)', seconds, seconds <= 300, 'within 300');
}

/**
 * The plan's steps. `resultOf` is a step's result as the commissioning keeps it (this run's, or an earlier
 * run's that stands): the test session judges the power against the site's load limit only once the step
 * setting it passed.
 */
export function commissioningPlan(template: CommissioningTemplate, resultOf: StepResultOf = () => null): CaseDefinition[] {
  return [
    step('C3_IDENTITY', 'Identity and clock', '3', (t) => identityAndClock(t, template)),
    step('C4_CONNECTORS', 'Connectors Available with NoError', '4', connectorsAvailable),
    step('C5_BASELINE', `Configuration baseline (${template.name})`, '5', (t) => baseline(t, template)),
    step('C6_READER', 'Card reader', '6', (t) => reader(t, template), { appliesTo: (p) => (p.reader ? null : 'The charger has no card reader') }),
    step('C7_OFFLINE', 'Offline authorization policy', '7', (t) => offlinePolicy(t, template)),
    step(LOAD_LIMIT_STEP, "Site's load limit", '10', (t) => loadLimit(t, template), { profile: 'SmartCharging' }),
    step('C8_SESSION', 'Test session', '8', (t) => session(t, template, resultOf)),
    step('C9_UNLOCK', 'Unlock each connector', '9', unlockEach),
    step('C9_AVAILABILITY', 'Availability of each connector (Inoperative, then Operative)', '9', availabilityEach),
    step('C9_RESET', 'Reset and reconnect', '9', reset),
  ];
}
