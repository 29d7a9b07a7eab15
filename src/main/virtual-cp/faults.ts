// The fault switches of a virtual charger at work: a named switch's body turned into a change of the
// charger's faults (for the API and the CLI), from the shared table in shared/api/virtual-chargers.ts.
import { BenchError, parse } from '../errors';
import { faultSwitches, faultSwitchNames, type Faults, type FaultSwitch } from '../../shared/api/virtual-chargers';

/** The change a named switch's body makes to the faults now in force, e.g. `offline` with `{"on": true, "seconds": 30}`. */
export function faultPatch(name: string, body: unknown, current: Faults): Partial<Faults> {
  if (!(faultSwitchNames as string[]).includes(name)) throw new BenchError(404, `No fault "${name}"; faults are ${faultSwitchNames.join(', ')}`, { field: 'fault' });
  const row = faultSwitches[name as FaultSwitch];
  return row.patch(parse(row.body, body ?? {}, 'body') as never, current as never) as Partial<Faults>;
}
