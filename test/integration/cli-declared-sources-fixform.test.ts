// `chargebench test --virtual` says where each capability came from as the UI does for the same charger: a
// switch no flag gave is not declared (the virtual charger's definition, or the bench's default), so the
// connector lock and the reader are the bench's default like the cable is the definition's; a flag given
// (--no-connector-lock) is declared for the run.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { octt16Cases } from '../../src/main/conformance/octt16';
import { defaultTestData } from '../../src/main/conformance/test-data';
import { runOnCharger } from '../../src/main/cli/run-on-charger';
import { startVirtualRunBench, type VirtualRunBench } from '../helpers/virtual-run';

describe('chargebench test --virtual: where each capability came from', () => {
  let vr: VirtualRunBench;
  beforeAll(async () => {
    // As `test --virtual` builds it with no --fixed-cable and no --backup-power.
    vr = await startVirtualRunBench('fixform', { chargerId: 'FIXFORM-1', connectors: 1, ftpPort: 0 });
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await vr.stop();
  });

  const run = async (opts: Record<string, unknown>, name: string) => {
    const { open } = vr.cli();
    const json = join(vr.out, `${name}.json`);
    await runOnCharger({
      command: 'test',
      opts: { virtual: true, connectorLock: true, reader: true, ...opts, json },
      cases: octt16Cases.filter((c) => c.id === 'TC_019_CS'),
      data: defaultTestData(),
      open,
    });
    vi.restoreAllMocks();
    return JSON.parse(readFileSync(json, 'utf8'));
  };

  it('reports the lock and the reader no flag gave as the bench’s default, not declared', async () => {
    // commander's defaults for --no-connector-lock and --no-reader when neither is given: true.
    const report = await run({}, 'no-flags');
    expect(report.declared ?? {}).toEqual({});
    expect(report.pics.capabilitiesFrom).toEqual({ fixedCable: 'virtual', connectorLock: 'default', reader: 'default', backupPower: 'virtual' });
  }, 60_000);

  it('reports --no-connector-lock as declared for the run', async () => {
    const report = await run({ connectorLock: false }, 'no-lock');
    expect(report.pics.connectorLock).toBe(false);
    expect(report.pics.capabilitiesFrom).toMatchObject({ connectorLock: 'declared', reader: 'default' });
  }, 60_000);
});
