// Small pieces the OCTT 1.6 case files share: applicability rules and the standard expectations.
import type { CaseContext } from '../context';
import { keyMissing, keyNotWritable, profileMissing } from '../pics';
import type { CaseDefinition, Pics } from '../types';
import type { FeatureProfile } from '../../../shared/ocpp16';

export type Case = CaseDefinition;

/** The declared policy on what the charger sends outside the script, a decision of every case it judges (outside-script.ts; octt16/index.ts lists it). */
export const OUTSIDE_SCRIPT =
  'Outside the script only Heartbeat, MeterValues, DataTransfer and StatusNotification are tolerated (observations), and a BootNotification after a reset or reconnection the case itself caused; any other message (a second StartTransaction, an Authorize or StopTransaction nobody asked for) fails the case ("missing/out-of-sequence messages"), and so does a StatusNotification with a wrong status: Faulted or an errorCode other than NoError (unless it repeats the connector\'s status before it), Available while the cable the case plugged in is still in or its session runs (not after a BootNotification of the case until the connector is busy again, nor once the case unplugged the cable), and Charging or Suspended after the session stopped (until the connector reports Preparing or Available). Available once the case\'s session stopped, the cable still in, is an observation; so are the order rules (Available, Charging or Suspended) while MinimumStatusDuration is not 0 (statuses may be held back and bunched), but faults still fail. A repeat of the current status, or another status that does not contradict the scenario, stays an observation. While the charger is put back after the script, its messages other than those the put-back causes, and any Faulted or errorCode other than NoError, are recorded as observations of the case, not judged; none is left for the next case.';

/** Applies only when every rule gives null. */
export const all =
  (...rules: Array<(p: Pics) => string | null>) =>
  (p: Pics): string | null => {
    for (const r of rules) {
      const why = r(p);
      if (why) return why;
    }
    return null;
  };

export const profile = (name: FeatureProfile) => (p: Pics) => profileMissing(p, name);
export const key = (name: string) => (p: Pics) => keyMissing(p, name);
/** The case sets this key: it must be there and writable (or already hold the value wanted). */
export const writable = (name: string, wanted?: string) => (p: Pics) => keyNotWritable(p, name, wanted);
export const socket = (p: Pics) => (p.fixedCable ? 'The charger has a fixed cable (the case is for a socket)' : null);
export const fixedCable = (p: Pics) => (p.fixedCable ? null : 'The charger has a socket (the case is for a fixed cable)');
export const reader = (p: Pics) => (p.reader ? null : 'The charger has no card reader or start button to present an idTag');

/** The status of every connector (and connector 0) after a boot: in any order. */
export async function bootStatuses(t: CaseContext, expected: (connectorId: number) => string | string[] = () => 'Available', along: Parameters<CaseContext['expectAll']>[0] = []): Promise<void> {
  const list = Array.from({ length: t.pics.connectors + 1 }, (_, c) => ({
    action: 'StatusNotification' as const,
    where: { connectorId: c },
    checks: { status: expected(c) },
  }));
  const also = along.map((a) => a.action).join(' and ');
  await t.expectAll([...along, ...list], `Charger sends ${also ? `${also} and ` : ''}StatusNotification for connector 0 and each of its ${t.pics.connectors} connectors, in any order`);
}

/** Seconds between two calls' times on the bench's clock. */
export const secondsBetween = (a: { ts: string }, b: { ts: string }) => (Date.parse(b.ts) - Date.parse(a.ts)) / 1000;

/** A configuration state marked "(if implemented)": set where the charger has the key and may write it. */
export async function configureIfWritable(t: CaseContext, key: string, value: string): Promise<void> {
  if (!t.pics.readOnly.includes(key)) await t.configureIfPresent(key, value);
}
