// The bench's own rules for what a person sends a charger, on top of the OCPP schemas, which allow an
// empty idTag, negative ids, a reservation that expired yesterday, a schedule of zero seconds or one
// already over, a profile valid only until before its schedule starts (it would never apply), or a
// profile on a connector its purpose does not go on. The UI's
// forms and the bench (for every face: UI, API, CLI) check the same rules; a test run that sends
// something odd on purpose goes around them.
import type { CentralSystemAction } from '../ocpp16/actions';
import { idTagProblem, MAX_ID_TAG_LENGTH, type IdTagProblem } from './input-rules';
import { int32Errors } from './ocpp-integers';

/** What the rules need to know besides the payload. */
export interface RuleContext {
  /** The bench's time (epoch ms). */
  now: number;
  /** The charger's ChargeProfileMaxStackLevel, when the bench has read it. */
  maxStackLevel?: number | null;
}

/** The ChargeProfileMaxStackLevel a GetConfiguration answer reports (a whole number, 0 or more); null when it reports none. */
export function maxStackLevelIn(response: unknown): number | null {
  const keys = (response as { configurationKey?: Array<{ key: string; value?: string }> } | null | undefined)?.configurationKey;
  const value = Array.isArray(keys) ? keys.find((k) => k.key === 'ChargeProfileMaxStackLevel')?.value : undefined;
  const n = value === undefined ? NaN : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** Field path (as the schema names it) to a message in words. */
export type RuleErrors = Record<string, string>;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each idTag problem (input-rules' one rule, the API's and the id-tag forms') in the operation forms' words. */
const ID_TAG_WORDS: Record<IdTagProblem, (v: string) => string> = {
  empty: () => 'Enter an idTag: an empty one would start a session for nobody',
  blank: () => 'Enter an idTag: an empty one would start a session for nobody',
  spaceAtEnds: () => 'An idTag has no spaces at its start or end',
  tooLong: (v) => `At most ${MAX_ID_TAG_LENGTH} characters (this one has ${v.length})`,
  unprintable: () => 'Printable characters only (no line breaks, tabs or other control characters)',
};

/** An idTag a person typed, by input-rules' idTagProblem: 1 to 20 printable characters, no spaces around it. */
function idTag(errors: RuleErrors, path: string, v: unknown, required: boolean): void {
  if (v === undefined) {
    if (required) errors[path] ??= 'Required: the card or idTag';
    return;
  }
  if (typeof v !== 'string') return; // the schema names the type
  const p = idTagProblem(v);
  if (p) errors[path] ??= ID_TAG_WORDS[p.problem](v);
}

/** A whole number at least `min` (1 for ids and counts, 0 where 0 means the whole charger). */
function atLeast(errors: RuleErrors, path: string, v: unknown, min: number, what: string): void {
  if (typeof v === 'number' && Number.isInteger(v) && v < min) errors[path] ??= `${what} is ${min} or more`;
}

function future(errors: RuleErrors, path: string, v: unknown, now: number, what: string): void {
  if (typeof v === 'string' && Date.parse(v) <= now) errors[path] ??= `${what} must be in the future`;
}

/** The bench's rules for one operation's payload; an empty object when it keeps them. */
export function benchRuleErrors(action: CentralSystemAction, payload: unknown, ctx: RuleContext): RuleErrors {
  const errors: RuleErrors = {};
  if (!isObj(payload)) return errors;
  const p = payload;
  switch (action) {
    case 'RemoteStartTransaction':
      idTag(errors, 'idTag', p.idTag, true);
      atLeast(errors, 'connectorId', p.connectorId, 1, 'A connector number');
      if (isObj(p.chargingProfile)) {
        // OCPP 1.6: the profile of a remote start is the new transaction's own.
        if (typeof p.chargingProfile.chargingProfilePurpose === 'string' && p.chargingProfile.chargingProfilePurpose !== 'TxProfile')
          errors['chargingProfile.chargingProfilePurpose'] ??= 'A remote start carries a TxProfile (the profile of the transaction it starts)';
        chargingProfile(errors, 'chargingProfile', p.chargingProfile, ctx);
      }
      break;
    case 'RemoteStopTransaction':
      atLeast(errors, 'transactionId', p.transactionId, 1, 'A transaction id');
      break;
    case 'UnlockConnector':
      atLeast(errors, 'connectorId', p.connectorId, 1, 'A connector number');
      break;
    case 'ChangeAvailability':
    case 'GetCompositeSchedule':
    case 'SetChargingProfile':
    case 'ClearChargingProfile':
      atLeast(errors, 'connectorId', p.connectorId, 0, 'A connector number (0 for the whole charger)');
      if (action === 'GetCompositeSchedule' && typeof p.duration === 'number' && p.duration <= 0) errors.duration ??= 'A duration of more than 0 seconds';
      if (action === 'SetChargingProfile' && isObj(p.csChargingProfiles)) {
        profileConnector(errors, p.connectorId, p.csChargingProfiles.chargingProfilePurpose);
        chargingProfile(errors, 'csChargingProfiles', p.csChargingProfiles, ctx);
      }
      if (action === 'ClearChargingProfile') {
        atLeast(errors, 'id', p.id, 1, 'A charging profile id');
        atLeast(errors, 'stackLevel', p.stackLevel, 0, 'A stack level');
      }
      break;
    case 'TriggerMessage':
    case 'ExtendedTriggerMessage':
      atLeast(errors, 'connectorId', p.connectorId, 1, 'A connector number (leave it out for every connector)');
      break;
    case 'ReserveNow':
      atLeast(errors, 'connectorId', p.connectorId, 0, 'A connector number (0 for any connector)');
      atLeast(errors, 'reservationId', p.reservationId, 1, 'A reservation id');
      idTag(errors, 'idTag', p.idTag, true);
      idTag(errors, 'parentIdTag', p.parentIdTag, false);
      future(errors, 'expiryDate', p.expiryDate, ctx.now, 'The expiry');
      break;
    case 'CancelReservation':
      atLeast(errors, 'reservationId', p.reservationId, 1, 'A reservation id');
      break;
    case 'SendLocalList':
      atLeast(errors, 'listVersion', p.listVersion, 1, 'A list version');
      if (Array.isArray(p.localAuthorizationList)) {
        const first = new Map<string, number>();
        p.localAuthorizationList.forEach((entry, i) => {
          if (!isObj(entry)) return;
          const at = `localAuthorizationList.${i}`;
          idTag(errors, `${at}.idTag`, entry.idTag, true);
          // One entry per card: with two, which one the charger keeps is up to it.
          if (typeof entry.idTag === 'string') {
            // idTags are case-insensitive (CiString20Type).
            const key = entry.idTag.toLowerCase();
            const earlier = first.get(key);
            if (earlier !== undefined) errors[`${at}.idTag`] ??= `Listed twice: entry ${earlier + 1} has this idTag too`;
            else first.set(key, i);
          }
          if (isObj(entry.idTagInfo)) {
            idTag(errors, `${at}.idTagInfo.parentIdTag`, entry.idTagInfo.parentIdTag, false);
            // A card listed as Accepted that has already expired is a slip (one meant to be refused as expired gets the status Expired).
            if (entry.idTagInfo.status === 'Accepted' && typeof entry.idTagInfo.expiryDate === 'string' && Date.parse(entry.idTagInfo.expiryDate) <= ctx.now)
              errors[`${at}.idTagInfo.expiryDate`] ??= 'Accepted, with an expiry in the past: pick a future one, or give the card the status Expired';
          }
        });
      }
      break;
    case 'GetDiagnostics':
    case 'UpdateFirmware':
    case 'GetLog':
    case 'SignedUpdateFirmware':
      atLeast(errors, 'retries', p.retries, 0, 'The number of retries');
      atLeast(errors, 'retryInterval', p.retryInterval, 1, 'The retry interval (s)');
      if (typeof p.startTime === 'string' && typeof p.stopTime === 'string' && Date.parse(p.stopTime) <= Date.parse(p.startTime)) errors.stopTime ??= 'The end must come after the start';
      break;
    default:
      break;
  }
  // OCPP 1.6 integers are 32-bit; the JSON schema (and so the bench's schemas) sets no bound: every integer field of the request.
  for (const [path, message] of Object.entries(int32Errors(action, payload))) errors[path] ??= message;
  return errors;
}

/**
 * Where a profile of each purpose goes (OCPP 1.6): a ChargePointMaxProfile on connector 0 only, a
 * TxProfile on the connector of its transaction (never 0). A TxDefaultProfile goes on either.
 */
function profileConnector(errors: RuleErrors, connectorId: unknown, purpose: unknown): void {
  if (typeof connectorId !== 'number' || !Number.isInteger(connectorId) || connectorId < 0) return;
  if (purpose === 'ChargePointMaxProfile' && connectorId !== 0) errors.connectorId ??= 'A ChargePointMaxProfile is set on connector 0 (the whole charger) only';
  else if (purpose === 'TxProfile' && connectorId === 0) errors.connectorId ??= 'A TxProfile is set on the connector of its running transaction (1 or more), not on connector 0';
}

/** When an Absolute schedule with a duration ends (epoch ms); null when it has no end of its own (open-ended, relative, recurring). */
function scheduleEnd(profile: Obj): number | null {
  const schedule = profile.chargingSchedule;
  if (profile.chargingProfileKind !== 'Absolute' || !isObj(schedule)) return null;
  if (typeof schedule.duration !== 'number' || schedule.duration <= 0 || typeof schedule.startSchedule !== 'string') return null;
  const start = Date.parse(schedule.startSchedule);
  return Number.isNaN(start) ? null : start + schedule.duration * 1000;
}

/** When an Absolute or Recurring schedule starts (epoch ms; it applies from then on); NaN when it names no start (a Relative one's is ignored). */
function scheduleStart(profile: Obj): number {
  const schedule = profile.chargingSchedule;
  if (profile.chargingProfileKind === 'Relative' || !isObj(schedule) || typeof schedule.startSchedule !== 'string') return NaN;
  return Date.parse(schedule.startSchedule);
}

function chargingProfile(errors: RuleErrors, at: string, profile: Obj, ctx: RuleContext): void {
  atLeast(errors, `${at}.chargingProfileId`, profile.chargingProfileId, 1, 'A charging profile id');
  atLeast(errors, `${at}.stackLevel`, profile.stackLevel, 0, 'A stack level');
  atLeast(errors, `${at}.transactionId`, profile.transactionId, 1, 'A transaction id');
  if (typeof profile.stackLevel === 'number' && ctx.maxStackLevel != null && profile.stackLevel > ctx.maxStackLevel) {
    errors[`${at}.stackLevel`] ??= `This charger takes stack levels up to ${ctx.maxStackLevel} (its ChargeProfileMaxStackLevel)`;
  }
  const from = typeof profile.validFrom === 'string' ? Date.parse(profile.validFrom) : NaN;
  const to = typeof profile.validTo === 'string' ? Date.parse(profile.validTo) : NaN;
  if (to <= from) errors[`${at}.validTo`] ??= 'Ends before it starts: pick a time after "Valid from"';
  else if (to <= ctx.now) errors[`${at}.validTo`] ??= 'Already over: pick a time in the future, or none';
  else if (to <= scheduleStart(profile)) errors[`${at}.validTo`] ??= 'Over before its schedule starts: pick a time after "Start schedule", or none';
  const schedule = profile.chargingSchedule;
  if (!isObj(schedule)) return;
  if (typeof schedule.duration === 'number' && schedule.duration <= 0) errors[`${at}.chargingSchedule.duration`] ??= 'A duration of more than 0 seconds, or none';
  // An Absolute schedule whose start plus its duration has passed limits nothing any more.
  const end = scheduleEnd(profile);
  if (end !== null && end <= ctx.now)
    errors[`${at}.chargingSchedule.duration`] ??= 'Already over: the start schedule plus this duration is in the past; pick a later start, a longer duration, or none';
  if (!Array.isArray(schedule.chargingSchedulePeriod)) return;
  let last = -1;
  schedule.chargingSchedulePeriod.forEach((period, i) => {
    if (!isObj(period)) return;
    const path = `${at}.chargingSchedule.chargingSchedulePeriod.${i}`;
    if (typeof period.startPeriod === 'number') {
      if (i === 0 && period.startPeriod !== 0) errors[`${path}.startPeriod`] ??= 'The first period starts at 0 s';
      else if (period.startPeriod <= last) errors[`${path}.startPeriod`] ??= 'Each period starts after the one before';
      last = period.startPeriod;
    }
    if (typeof period.limit === 'number' && period.limit < 0) errors[`${path}.limit`] ??= 'A limit of 0 or more';
    if (typeof period.numberPhases === 'number' && (period.numberPhases < 1 || period.numberPhases > 3)) errors[`${path}.numberPhases`] ??= '1, 2 or 3 phases';
  });
  // The EV's minimum rate above every limit: under this profile it could never charge.
  const limits = schedule.chargingSchedulePeriod
    .filter(isObj)
    .map((p) => p.limit)
    .filter((l): l is number => typeof l === 'number');
  const highest = limits.length ? Math.max(...limits) : null;
  // (All limits 0 is a pause, which a minimum rate does not contradict.)
  if (typeof schedule.minChargingRate === 'number' && highest !== null && highest > 0 && schedule.minChargingRate > highest)
    errors[`${at}.chargingSchedule.minChargingRate`] ??= `Above every period's limit (the highest is ${highest}): an EV that needs this much could never charge`;
}
