// A reference template: the baseline is a connected charger's writable configuration as it is now (the keys
// that say who the charger is, where it connects and its secrets left out), the offline policy its own.
import type { Bench } from '../core/bench';
import { BenchError } from '../errors';
import { CommissioningTemplate } from '../../shared/api/commissioning';
import { offlinePolicyOf } from './plan';

/** Keys a reference template leaves out: who the charger is, where it connects, its secrets. */
const IDENTITY_LIKE = /serial|identity|chargepointid|chargeboxid|password|authorizationkey|certificate|url|iccid|imsi|firmware|version|vendor|model/i;

/** A template whose baseline is the charger's writable configuration now (identity-like keys left out) and whose offline policy is its own. */
export async function referenceTemplate(bench: Bench, chargerId: string, name: string): Promise<CommissioningTemplate> {
  bench.centralSystem.registry.mustKnow(chargerId);
  const read = await bench.operations.operate(chargerId, 'GetConfiguration', {});
  if (read.outcome !== 'completed')
    throw new BenchError(
      read.outcome === 'offline' ? 409 : 502,
      read.outcome === 'offline'
        ? read.sent
          ? `${chargerId}'s connection dropped before it answered GetConfiguration: connect it again to read its configuration`
          : `${chargerId} is not connected: connect it to read its configuration`
        : `${chargerId} did not give its configuration (${read.outcome})`,
      { field: 'chargerId' },
    );
  const list = (read.response as { configurationKey?: Array<{ key: string; readonly: boolean; value?: string }> }).configurationKey ?? [];
  const keys: Record<string, string> = {};
  const all: Record<string, string | null> = {};
  for (const k of list) {
    all[k.key] = k.value ?? null;
    if (k.readonly || k.value === undefined || IDENTITY_LIKE.test(k.key) || k.key.length > 50 || k.value.length > 500) continue;
    keys[k.key] = k.value;
  }
  const version = await bench.operations.operate(chargerId, 'GetLocalListVersion', {});
  const listVersion = version.outcome === 'completed' ? Number((version.response as { listVersion?: number }).listVersion ?? 0) : 0;
  return CommissioningTemplate.parse({ name, keys, offlinePolicy: offlinePolicyOf(all, listVersion) });
}
