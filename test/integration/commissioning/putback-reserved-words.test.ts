// A commissioning run that begins on a connector someone else reserved: the run cannot cancel a reservation it
// did not make, and the setup's problem says what it means for a commissioning (its first steps), not for a
// conformance run's "first cases".
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/clock';
import { VirtualChargePoint } from '../../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../../src/shared/api/virtual-chargers';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import { useTestBench, waitFor } from '../../helpers/bench';

const clock = new FakeClock(Date.now());
const tb = useTestBench({ clock });
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Depot AC', testIdTag: 'INSTALLER-1' });
const job = SiteJob.parse({ site: 'Depot', address: 'Ring 3', location: 'Bay 5', installer: 'A. Person', company: '', customer: '' });

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('a commissioning run on a connector reserved before it began', () => {
  it('says the first steps may fail, not the first cases', async () => {
    const id = 'RESERVED-BEFORE';
    const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id, connectors: 2 }), url: tb.wsUrl(), clock, random: () => 0, callTimeoutMs: 5000 });
    cp.start();
    cleanup.push(() => cp.stop());
    await waitFor(() => (tb.bench.centralSystem.isConnected(id) && cp.view().registration === 'Accepted') || null, 20_000);
    const expiryDate = new Date(clock.now() + 3_600_000).toISOString();
    const reserved = await tb.bench.operations.operate(id, 'ReserveNow', { connectorId: 2, expiryDate, idTag: 'SOMEONE', reservationId: 77 });
    expect(reserved).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
    await waitFor(() => tb.bench.record.chargers.get(id)?.connectors.find((c) => c.connectorId === 2)?.status === 'Reserved' || null, 10_000);
    const svc = tb.bench.commissioning;
    const c = await svc.create({ chargerId: id, job, template });
    svc.run(c.id, ['C3_IDENTITY']);
    await svc.settled(c.id);
    const open = svc.get(c.id).open;
    expect(open).toContainEqual(
      expect.stringMatching(
        /^Before the first step of the last run, not put right: connector 2 is Reserved \(a reservation the bench did not make; it ends when it expires or is cancelled\): the first steps may fail$/,
      ),
    );
  }, 60_000);
});
