// A charger that is not the bench's own, as the conformance tests through the API use it: an ocpp-rpc strict
// client (its operator steps are asked of a person), Core, booted.
import { strictCharger, type TestBench } from './bench';

/** Connects `id` to `bench`, Core, booted; `keys` more of its configuration (read-only). `cleanup` closes it, when given. */
export async function realCharger(bench: TestBench, id: string, keys: Array<{ key: string; value: string }> = [], cleanup?: Array<() => unknown>) {
  const cp = await strictCharger(bench.wsUrl(), id);
  const configuration = () => ({ configurationKey: [{ key: 'SupportedFeatureProfiles', readonly: true, value: 'Core' }, ...keys.map((k) => ({ ...k, readonly: true }))] });
  cp.client.handle('GetConfiguration', () => configuration());
  cp.client.handle('ChangeConfiguration', () => ({ status: 'Accepted' }));
  await cp.connect();
  await cp.client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Wall' });
  cleanup?.push(() => cp.client.close({ force: true }).catch(() => undefined));
  return cp;
}
