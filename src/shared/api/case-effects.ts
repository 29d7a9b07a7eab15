// What a conformance case does to the charger it runs on, as the case catalogue says it (tests:cases), and
// what a run of some cases does, in words (the start form and its confirmation). Each case's effects are
// computed from its definition (scripts/case-effects.ts writes case-effects.data.ts).
import type { OperatorAction } from './test-runs';

/** Something a case does to the charger, in the order the start form lists them. */
export const caseEffectKinds = ['sessions', 'reset', 'config', 'firmware', 'diagnostics', 'localList', 'cache', 'reservations', 'chargingProfiles', 'availability', 'unlock', 'offline'] as const;
export type CaseEffect = (typeof caseEffectKinds)[number];
export type OperatorKind = OperatorAction['kind'];

export interface CaseEffects {
  effects: CaseEffect[];
  /** What the person at the charger is asked to do (`any`: a request the definition builds at run time). */
  operator: Array<OperatorKind | 'any'>;
}

/** The operations that make each effect, by name (sent by the bench as the central system). */
const sentFor: Partial<Record<CaseEffect, string[]>> = {
  sessions: ['RemoteStartTransaction', 'RemoteStopTransaction'],
  reset: ['Reset'],
  config: ['ChangeConfiguration'],
  firmware: ['UpdateFirmware'],
  diagnostics: ['GetDiagnostics', 'GetLog'],
  localList: ['SendLocalList'],
  cache: ['ClearCache'],
  reservations: ['ReserveNow', 'CancelReservation'],
  chargingProfiles: ['SetChargingProfile', 'ClearChargingProfile'],
  availability: ['ChangeAvailability'],
  unlock: ['UnlockConnector'],
};

/**
 * The effects of what a case's definition was found to do: operations sent, the context's moves (and
 * `touched:<effect>`: what it records to put back), requests to the person.
 */
export function caseEffectOf(found: { sent: Set<string>; moves: Set<string>; operator: Set<OperatorKind | 'any'> }): CaseEffects {
  const reboots = ['Reset', 'UpdateFirmware'].some((a) => found.sent.has(a)) || ['powerCycle', 'powerOff', 'powerOn'].some((k) => found.operator.has(k as OperatorKind));
  const has = (e: CaseEffect): boolean => {
    if (sentFor[e]?.some((a) => found.sent.has(a))) return true;
    // What the case records to put back (touched.*): it changed that on the charger, whatever it sent to do it.
    if (found.moves.has(`touched:${e}`)) return true;
    if (e === 'sessions') return ['plug', 'plugHalfway', 'presentIdTag'].some((k) => found.operator.has(k as OperatorKind));
    // A reboot boots again: the bench's BootNotification answer may give it another HeartbeatInterval (put back after the case).
    if (e === 'config') return found.moves.has('configure') || found.moves.has('configureIfPresent') || reboots;
    if (e === 'offline') return found.moves.has('goOffline') || found.operator.has('disconnectNetwork');
    return false;
  };
  return { effects: caseEffectKinds.filter(has), operator: [...found.operator].sort() };
}

const effectWords: Record<CaseEffect, string> = {
  sessions: 'Charging sessions are started and stopped on it',
  reset: 'It is reset and rebooted',
  config: 'Its configuration is changed, and put back after each case',
  firmware: 'A firmware update is sent to it (the bench serves the file unless the test data names one); it installs it and reboots',
  diagnostics: 'It is asked to upload its diagnostics to the bench',
  localList: 'Local authorization lists are sent to it, and removed again afterwards',
  cache: 'Its authorization cache is cleared',
  reservations: 'Reservations are made on it, and cancelled again afterwards',
  chargingProfiles: 'Charging profiles are sent to it; afterwards every charging profile on it is cleared (ClearChargingProfile with no filter), the site’s own too',
  availability: 'Its connectors are made Unavailable, and Available again afterwards',
  unlock: 'Its connector is unlocked from the bench',
  offline: 'The bench drops its connection and refuses it for a while (it is offline meanwhile)',
};

/** What every run does around its cases, whichever they are (runner.ts's setup, restore.ts after each case). */
export const aroundTheCases = [
  'Before the first case, a charging session running on it is ended: it may be a customer’s.',
  'Its MinimumStatusDuration is set to 0 for the run (where it has that key), and put back at the end.',
  'After each case, its authorization cache is cleared (where it has one: AuthorizationCacheEnabled).',
];

/** The person's actions in groups, as a sentence lists them. */
const operatorGroups: Array<[string, Array<OperatorKind | 'any'>]> = [
  ['plug and unplug the cable', ['plug', 'unplug', 'plugHalfway', 'jamLock']],
  ['present cards', ['presentIdTag']],
  ['suspend and resume the EV', ['suspendEv', 'resumeEv']],
  ['cause and clear faults', ['fault', 'clearFault']],
  ['power it off and on', ['powerCycle', 'powerOff', 'powerOn']],
  ['cut and restore its network', ['disconnectNetwork', 'reconnectNetwork']],
  ['confirm what they see', ['confirm', 'any']],
];

/** " (3 of the 4 cases)", or nothing when every case does it: how many of the cases do it. */
const inHowMany = (n: number, of: number) => (n === of ? '' : ` (${n} of the ${of} cases)`);

export interface RunConsequences {
  /** What the run does to the charger, one sentence each (how many of the cases do it, when not all). */
  lines: string[];
  /** What the person at the charger is asked to do ('' when no case asks). */
  operator: string;
  /** In how many of the cases: "in 3 of the 4 cases"; '' when every case asks (or none). */
  operatorIn: string;
}

/**
 * What a run of these cases does to the charger: each effect any of them has, with how many of them have it.
 * A case not in the catalogue (an older bench's) counts as doing everything, so nothing is left unsaid.
 */
export function runConsequences(picked: Array<CaseEffects | undefined>): RunConsequences {
  const all: CaseEffects = { effects: [...caseEffectKinds], operator: ['plug', 'presentIdTag', 'powerCycle'] };
  const list = picked.map((c) => c ?? all);
  const lines = caseEffectKinds.flatMap((e) => {
    const n = list.filter((c) => c.effects.includes(e)).length;
    return n ? [`${effectWords[e]}${inHowMany(n, list.length)}.`] : [];
  });
  if (list.length && !lines.length) lines.push(`${list.length === 1 ? 'The case itself only reads from it and answers it' : 'The cases themselves only read from it and answer it'}.`);
  if (list.length) lines.unshift(...aroundTheCases);
  lines.push('Its idTags are answered from the test data, not from the bench’s list.');
  const asking = list.filter((c) => c.operator.length > 0);
  const acts = operatorGroups.filter(([, kinds]) => asking.some((c) => c.operator.some((k) => kinds.includes(k)))).map(([words]) => words);
  const operator = acts.length > 1 ? `${acts.slice(0, -1).join(', ')} and ${acts.at(-1)}` : (acts[0] ?? '');
  const operatorIn = !asking.length || asking.length === list.length ? '' : `in ${asking.length} of the ${list.length} cases`;
  return { lines, operator, operatorIn };
}
