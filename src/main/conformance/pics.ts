// What the charger supports, read from it (GetConfiguration: SupportedFeatureProfiles, NumberOfConnectors
// and every key) and completed by what a person declares (fixed cable, lock, reader), so a case that does
// not apply is marked Not applicable with the reason rather than failed.
import { featureProfiles, type FeatureProfile } from '../../shared/ocpp16';
import type { CaseHost } from './context';
import type { Pics } from './types';
import type { PicsDeclaration } from '../../shared/api/test-runs';

export type { PicsDeclaration } from '../../shared/api/test-runs';

export async function readPics(host: CaseHost, declared: PicsDeclaration, timeoutMs: number): Promise<Pics> {
  const r = await host.operate('GetConfiguration', {}, timeoutMs);
  if (r.outcome !== 'completed') throw new Error(`GetConfiguration got no answer (${r.outcome}): the charger's capabilities cannot be read`);
  const config: Record<string, string | null> = {};
  const readOnly: string[] = [];
  for (const k of (r.response as { configurationKey?: Array<{ key: string; value?: string; readonly: boolean }> }).configurationKey ?? []) {
    config[k.key] = k.value ?? null;
    if (k.readonly) readOnly.push(k.key);
  }
  const reported = (config.SupportedFeatureProfiles ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is FeatureProfile => (featureProfiles as readonly string[]).includes(s));
  return {
    profiles: declared.profiles ?? (reported.length ? reported : ['Core']),
    connectors: Math.max(1, Number(config.NumberOfConnectors) || 1),
    fixedCable: declared.fixedCable ?? false,
    connectorLock: declared.connectorLock ?? true,
    reader: declared.reader ?? true,
    backupPower: declared.backupPower ?? false,
    config,
    readOnly,
    basicAuth: host.password.get() !== null,
  };
}

/** Why a case of this profile does not apply, or null. */
export function profileMissing(pics: Pics, profile: FeatureProfile): string | null {
  return pics.profiles.includes(profile) ? null : `The charger does not support the ${profile} profile (SupportedFeatureProfiles)`;
}

/** Why a case needing this key does not apply, or null. */
export function keyMissing(pics: Pics, key: string): string | null {
  return key in pics.config ? null : `The charger does not report the configuration key ${key}`;
}

/** Why a case that sets this key does not apply (absent, or read-only with another value), or null. */
export function keyNotWritable(pics: Pics, key: string, wanted?: string): string | null {
  const missing = keyMissing(pics, key);
  if (missing) return missing;
  if (pics.readOnly.includes(key) && (wanted === undefined || pics.config[key] !== wanted)) return `${key} is read-only here${pics.config[key] !== null ? ` with value ${pics.config[key]}` : ''}`;
  return null;
}
