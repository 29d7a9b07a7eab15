// A configuration key of a charger as the bench last learnt it from its recorded operations: the newest
// GetConfiguration answer that reported it, or a ChangeConfiguration of it the charger accepted. Read
// from a few operations only (operations:list with the `actions` filter: a GetConfiguration answer of
// every key is large). And whether a value typed for a standard key can be sent as it is (its type from
// the one table of standard keys, shared/ocpp16/configuration-keys.ts).
import type { OperationView } from '../../../shared/api/views';
import { configurationValueProblem } from '../../../shared/ocpp16/configuration-values';

/** The operations that tell a configuration key's value. */
export const CONFIG_ACTIONS = ['GetConfiguration', 'ChangeConfiguration'] as const;

/** A key's value as the bench last learnt it: read (GetConfiguration) or set (ChangeConfiguration accepted), and when (the bench's clock). */
export interface KnownConfigValue {
  value: string;
  how: 'read' | 'set';
  at: string;
}

/** Whether `key` names `name` (OCPP keys are matched without regard to case). */
export const isConfigKey = (key: unknown, name: string): boolean => typeof key === 'string' && key.trim().toLowerCase() === name.toLowerCase();

/** A key as a GetConfiguration answer reported it. */
export interface ReportedKey {
  key: string;
  readonly: boolean;
  value?: string;
}

/** The keys a GetConfiguration answer reported (an entry without a key of text left out, a value that is not text as none). */
export function reportedKeysOf(response: unknown): ReportedKey[] {
  const keys = (response as { configurationKey?: unknown } | null)?.configurationKey;
  if (!Array.isArray(keys)) return [];
  const out: ReportedKey[] = [];
  for (const k of keys as Array<{ key?: unknown; readonly?: unknown; value?: unknown } | null>) {
    if (typeof k?.key !== 'string') continue;
    out.push(typeof k.value === 'string' ? { key: k.key, readonly: k.readonly === true, value: k.value } : { key: k.key, readonly: k.readonly === true });
  }
  return out;
}

/** The keys a GetConfiguration answer said the charger does not know. */
export function unknownKeysOf(response: unknown): string[] {
  const keys = (response as { unknownKey?: unknown } | null)?.unknownKey;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}

/** The key and value a ChangeConfiguration operation set, when the charger answered Accepted; null otherwise. */
export function acceptedChangeOf(op: Pick<OperationView, 'action' | 'outcome' | 'request' | 'response'>): { key: string; value: string } | null {
  if (op.action !== 'ChangeConfiguration' || op.outcome !== 'completed') return null;
  const req = op.request as { key?: unknown; value?: unknown } | null;
  const accepted = (op.response as { status?: unknown } | null)?.status === 'Accepted';
  return accepted && typeof req?.key === 'string' && typeof req.value === 'string' ? { key: req.key, value: req.value } : null;
}

/**
 * Why a value typed for a standard key in the configuration table is not sent as it is: what the key
 * takes ("HeartbeatInterval is a whole number of seconds (0 or more)"), and where to send it anyway (a
 * bad value on purpose, to see how the charger answers). Null when it looks right, or the key is not one
 * the bench can check.
 */
export function configEditProblem(key: string, value: string): string | null {
  const problem = configurationValueProblem(key, value);
  return problem && `${problem}. Not sent: to send it as it is anyway (e.g. to see how the charger answers), use Set any key below.`;
}

/** A value of whole seconds ("60", " 3600 "); null for anything else. */
export const wholeSeconds = (value: unknown): number | null => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : null);

/**
 * The key `name` from a charger's recorded operations (newest first): the newest GetConfiguration answer
 * that reported it, or ChangeConfiguration of it the charger accepted; with `until`, only what the bench
 * learnt by then (ISO). Null when the bench never learnt it.
 */
export function configKeyOf(ops: readonly OperationView[], name: string, until?: string): KnownConfigValue | null {
  const end = until === undefined ? Infinity : Date.parse(until);
  for (const o of ops) {
    if (o.outcome !== 'completed') continue;
    const at = o.finishedAt ?? o.sentAt;
    if (Date.parse(at) > end) continue;
    if (o.action === 'GetConfiguration') {
      const value = reportedKeysOf(o.response).find((k) => isConfigKey(k.key, name))?.value;
      if (value !== undefined) return { value, how: 'read', at };
    } else {
      const change = acceptedChangeOf(o);
      if (change && isConfigKey(change.key, name)) return { value: change.value, how: 'set', at };
    }
  }
  return null;
}
