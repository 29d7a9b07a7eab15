// The card reader step on a charger the bench asks a person to act on (a virtual charge point on its own
// connection, as a real one): an outage while the card request waits is kept as a note of the result, as the
// test session keeps its own; "Cannot do" asks whether the reader reacts at all: a reader that does not read
// the card fails with that note, otherwise the step is inconclusive with what to check (and whether the bench
// saw an Authorize), not the instruction repeated.
import { describe, expect, it } from 'vitest';
import { VirtualChargePoint } from '../../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../../src/shared/api/virtual-chargers';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import type { OperatorPrompt } from '../../../src/shared/api/test-runs';
import { useTestBench, waitFor } from '../../helpers/bench';

const tb = useTestBench();
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Depot AC', testIdTag: 'INSTALLER-1' });
const job = SiteJob.parse({ site: 'Depot Süd', location: 'Bay 4', installer: 'A. Person' });

async function withCharger(id: string, fn: (cp: VirtualChargePoint, c: CommissioningView) => Promise<void>): Promise<void> {
  const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id, connectors: 1 }), url: tb.wsUrl(), random: () => 0, callTimeoutMs: 5000 });
  cp.start();
  try {
    await waitFor(() => tb.bench.centralSystem.isConnected(id) && cp.view().registration === 'Accepted', 10_000);
    await fn(cp, await tb.bench.commissioning.create({ chargerId: id, job, template }));
  } finally {
    await cp.stop();
  }
}

/** The request showing now, once it is of `kind`. */
const asked = (id: string, kind: OperatorPrompt['action']['kind']) => waitFor(() => (tb.bench.commissioning.prompt(id)?.action.kind === kind ? true : null), 20_000);
const answer = (id: string, a: 'done' | 'cannot' | 'skip') => tb.bench.commissioning.answer(id, a);
const readerOf = (id: string) => tb.bench.commissioning.get(id).steps.find((s) => s.id === 'C6_READER')!.result!;

describe('the card reader step', () => {
  it('keeps an outage while the card request waited as a note of its Pass', { timeout: 60_000 }, async () => {
    await withCharger('READER-OUTAGE', async (cp, c) => {
      tb.bench.commissioning.run(c.id, ['C6_READER']);
      await asked(c.id, 'presentIdTag');
      cp.dropConnection();
      await waitFor(() => (tb.bench.centralSystem.isConnected('READER-OUTAGE') ? null : true), 10_000);
      await waitFor(() => (tb.bench.centralSystem.isConnected('READER-OUTAGE') ? true : null), 20_000);
      await cp.presentIdTag(1, 'INSTALLER-1');
      answer(c.id, 'done');
      await tb.bench.commissioning.settled(c.id);
      const r = readerOf(c.id);
      expect(r.verdict).toBe('pass');
      const notes = r.observations.filter((o) => o.note).map((o) => o.text);
      expect(notes).toContainEqual(expect.stringMatching(/^The charger was offline for .+ during this step \(.+ to .+\)\.$/));
    });
  });

  it('after Cannot do, with the reader reacting (Skip), is inconclusive with what to check and that no Authorize came', { timeout: 60_000 }, async () => {
    await withCharger('READER-CANNOT', async (_cp, c) => {
      tb.bench.commissioning.run(c.id, ['C6_READER']);
      await asked(c.id, 'presentIdTag');
      answer(c.id, 'cannot');
      await asked(c.id, 'confirm');
      expect(tb.bench.commissioning.prompt(c.id)?.text).toMatch(/reader does not react/);
      answer(c.id, 'skip');
      await tb.bench.commissioning.settled(c.id);
      const r = readerOf(c.id);
      expect(r.verdict).toBe('inconclusive');
      expect(r.reason).toMatch(/The bench saw no Authorize from the charger during this step/);
      expect(r.reason).toMatch(/power .*card’s type .*idTag configured in the plan \(INSTALLER-1\)/);
      expect(r.reason).not.toMatch(/^The operator could not do it/);
    });
  });

  it('after Cannot do, with the reader not reacting (Done), fails with that note', { timeout: 60_000 }, async () => {
    await withCharger('READER-DEAD', async (_cp, c) => {
      tb.bench.commissioning.run(c.id, ['C6_READER']);
      await asked(c.id, 'presentIdTag');
      answer(c.id, 'cannot');
      await asked(c.id, 'confirm');
      answer(c.id, 'done');
      await tb.bench.commissioning.settled(c.id);
      const r = readerOf(c.id);
      expect(r.verdict).toBe('fail');
      expect(r.reason).toMatch(/^The reader does not read the card: /);
      expect(r.observations.filter((o) => o.note).map((o) => o.text)).toContain(
        'The person at the charger reports that the reader does not react to the test card INSTALLER-1 (no beep, no light change).',
      );
    });
  });
});
