// A configuration key of a charger as the bench last learnt it from its recorded operations: the newest
// GetConfiguration answer that reported it, or a ChangeConfiguration of it the charger accepted. Read
// from a few operations only (operations:list with the `actions` filter: a GetConfiguration answer of
// every key is large).
import type { OperationView } from '../../../shared/api/views';

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
      const keys = (o.response as { configurationKey?: Array<{ key?: unknown; value?: unknown }> } | null)?.configurationKey;
      const value = Array.isArray(keys) ? keys.find((k) => isConfigKey(k?.key, name))?.value : undefined;
      if (typeof value === 'string') return { value, how: 'read', at };
    } else if (o.action === 'ChangeConfiguration') {
      const req = o.request as { key?: unknown; value?: unknown } | null;
      if (isConfigKey(req?.key, name) && typeof req?.value === 'string' && (o.response as { status?: unknown } | null)?.status === 'Accepted') return { value: req.value, how: 'set', at };
    }
  }
  return null;
}
