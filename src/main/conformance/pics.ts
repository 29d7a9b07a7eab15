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
  // A value with no profile the bench recognises is taken as not read (Core assumed), not as "supports none".
  const reported = readReported(config).known;
  return {
    profiles: declared.profiles ?? (reported.length ? reported : ['Core']),
    // Where the profiles came from, so every text that names them says so (profileSource).
    profilesFrom: declared.profiles ? 'declared' : reported.length ? 'charger' : 'assumed',
    reportedProfiles: reported.length ? reported : null,
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

/** The configuration key a charger reports its feature profiles in. */
const REPORTED_KEY = 'SupportedFeatureProfiles';

/**
 * What the run knows of the charger's feature profiles: those it takes, where they came from, what the charger
 * reports (recognised, and as it said it: the key's value in `config`).
 */
type ProfileFacts = Pick<Pics, 'profiles' | 'profilesFrom' | 'reportedProfiles' | 'config'>;

/** The entries of the charger's SupportedFeatureProfiles: OCPP 1.6's names, and those that are not (a misspelling, a vendor's own). */
function readReported(config: Pics['config']): { value: string | null; known: FeatureProfile[]; unknown: string[] } {
  const value = config[REPORTED_KEY] ?? null;
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const isKnown = (s: string): s is FeatureProfile => (featureProfiles as readonly string[]).includes(s);
  return { value, known: entries.filter(isKnown), unknown: entries.filter((s) => !isKnown(s)) };
}

/**
 * What the charger reports of its profiles: "SupportedFeatureProfiles: Core, Reservation", "no
 * SupportedFeatureProfiles", or, with entries the bench does not recognise, its value as said and which those are.
 */
function reportedWords(p: ProfileFacts): string {
  const { value, unknown } = readReported(p.config ?? {});
  if (value !== null && unknown.length) {
    return `${REPORTED_KEY} "${value}", where ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among OCPP 1.6's profiles ${featureProfiles.join(', ')}`;
  }
  return p.reportedProfiles?.length ? `${REPORTED_KEY}: ${p.reportedProfiles.join(', ')}` : `no ${REPORTED_KEY}`;
}

/** Whether the charger reports entries the bench does not recognise. */
function reportsUnknown(p: ProfileFacts): boolean {
  return readReported(p.config ?? {}).unknown.length > 0;
}

/**
 * Where the run's feature profiles came from, in words for a parenthesis beside them: declared for the run
 * (the Test runs form, where the person confirmed or corrected them, the API's declaration, --profiles),
 * with what the charger reports where that differs; reported by the charger (SupportedFeatureProfiles: a
 * built-in virtual charger's own too); or Core assumed. The one wording of it: a case that does not apply,
 * a declared capability contradicted and the reports all name the source so.
 */
export function profileSource(p: ProfileFacts): string {
  switch (p.profilesFrom) {
    case 'declared': {
      const reported = p.reportedProfiles ?? [];
      const same = !reportsUnknown(p) && reported.length === p.profiles.length && reported.every((r) => p.profiles.includes(r));
      return `declared for the run${same ? '' : `; the charger reports ${reportedWords(p)}`}`;
    }
    case 'charger':
      return reportsUnknown(p) ? reportedWords(p) : REPORTED_KEY;
    case 'assumed':
      return `only Core, assumed: the charger reports ${reportedWords(p)}${reportsUnknown(p) ? ',' : ''} and no profiles were declared for the run`;
    default:
      // A run kept before the source was recorded.
      return `the charger's profiles for the run: ${p.profiles.join(', ')}`;
  }
}

/** Why a case of this profile does not apply (the run does not take the charger to have it, and why not), or null. */
export function profileMissing(pics: ProfileFacts, profile: FeatureProfile): string | null {
  if (pics.profiles.includes(profile)) return null;
  const reported = pics.reportedProfiles?.includes(profile) ?? false;
  switch (pics.profilesFrom) {
    case 'declared':
      return reported
        ? `The ${profile} profile is not among the profiles declared for the run (${pics.profiles.join(', ')}), although the charger reports it (${reportedWords(pics)})`
        : `The ${profile} profile is neither declared for the run (${pics.profiles.join(', ')}) nor reported by the charger (${reportedWords(pics)})`;
    case 'charger':
      return `The charger does not report the ${profile} profile (${reportedWords(pics)}), and no profiles were declared for the run`;
    default:
      return `The charger is not taken to have the ${profile} profile (${profileSource(pics)})`;
  }
}

/** Why a case for a charger without this profile does not apply (the run takes the charger to have it), or null. */
export function profilePresent(pics: ProfileFacts, profile: FeatureProfile): string | null {
  return pics.profiles.includes(profile) ? `The charger supports the ${profile} profile (${profileSource(pics)}); the case is for a charger without it` : null;
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
