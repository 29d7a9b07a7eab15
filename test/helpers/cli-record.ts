// What the CLI tests of a run set up around the command: a record of its own, and a charger whose answer
// to one setup call is held or never comes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { VirtualChargePoint, type VcpFrame } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';

/** A record of its own (its FTP server on any free port) and a folder for the reports; `cleanup` removes both. */
export async function cliRecord(name: string, cleanup: Array<() => unknown>): Promise<{ dataDir: string; out: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), `chargebench-${name}-`));
  const out = mkdtempSync(join(tmpdir(), `chargebench-${name}-out-`));
  cleanup.push(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => rmSync(out, { recursive: true, force: true }),
  );
  const b = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0 });
  await b.settings.update({ ftpPort: 0 });
  await b.stop();
  return { dataDir, out };
}

/**
 * A one-connector virtual charger for `ws://127.0.0.1:<port>/ocpp` that holds its answer to `action` for 3 s
 * ('delay') or never gives it ('ignore'); `onIt` is called (once) when that call comes. Not started.
 */
export function chargerHolding(
  o: { id: string; port: number; action: string; mode: 'delay' | 'ignore'; onIt: () => void; minimumStatusDuration?: string },
  cleanup: Array<() => unknown>,
): VirtualChargePoint {
  let seen = false;
  const cp: VirtualChargePoint = new VirtualChargePoint({
    definition: VirtualChargerDefinition.parse({ id: o.id, connectors: 1 }),
    url: `ws://127.0.0.1:${o.port}/ocpp`,
    onFrame: (f: VcpFrame) => {
      if (f.direction !== 'in' || f.kind !== 'CALL' || f.action !== o.action || seen) return;
      seen = true;
      setImmediate(o.onIt);
    },
  });
  if (o.minimumStatusDuration) cp.config.change('MinimumStatusDuration', o.minimumStatusDuration);
  cp.setFaults({ actions: { [o.action]: { mode: o.mode, delaySeconds: o.mode === 'delay' ? 3 : 0, errorCode: 'InternalError' } } });
  cleanup.push(() => cp.stop());
  return cp;
}
