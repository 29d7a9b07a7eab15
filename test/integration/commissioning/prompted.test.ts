// Commissioning a charger the bench cannot act on itself (a real charger on the bench LAN; here a
// virtual charge point on its own connection, unknown to the bench's virtual chargers): a step that needs
// the person at the charger asks, through the faces (an event and a REST call), and goes on with the
// answer: Done after the card was presented passes on what the charger sent; Cannot and Skip leave the
// step inconclusive, saying what was not done; nothing is waited for once the run is stopped.
import { describe, expect, it } from 'vitest';
import { VirtualChargePoint } from '../../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../../src/shared/api/virtual-chargers';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import type { BenchEvent } from '../../../src/shared/api/views';
import type { OperatorPrompt } from '../../../src/shared/api/test-runs';
import { useTestBench, waitFor } from '../../helpers/bench';

const tb = useTestBench();
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Depot AC', testIdTag: 'INSTALLER-1' });
const job = SiteJob.parse({ site: 'Depot Süd', address: 'Ring 2', location: 'Bay 4', installer: 'A. Person', company: 'Elektro GmbH', customer: 'Stadtwerke' });

/** A charger of its own: the bench sees only its connection, as it would a real one. */
async function realCharger(id: string): Promise<VirtualChargePoint> {
  const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id, connectors: 1 }), url: tb.wsUrl(), random: () => 0, callTimeoutMs: 5000 });
  cp.start();
  await waitFor(() => tb.bench.centralSystem.isConnected(id) && cp.view().registration === 'Accepted', 10_000);
  return cp;
}

/** A commissioning of a charger of its own (connected, then stopped after `fn`). */
async function commissioningOf(id: string, fn: (cp: VirtualChargePoint, c: CommissioningView) => Promise<void>): Promise<void> {
  const cp = await realCharger(id);
  try {
    await fn(cp, await tb.bench.commissioning.create({ chargerId: id, job, template }));
  } finally {
    await cp.stop();
  }
}

/** The prompts the bench publishes for a commissioning, in order (null: the prompt was answered or withdrawn). */
function promptsOf(id: string): Array<OperatorPrompt | null> {
  const seen: Array<OperatorPrompt | null> = [];
  tb.bench.bus.subscribe((e: BenchEvent) => {
    if (e.type === 'commissioningPrompt' && e.id === id) seen.push(e.prompt);
  });
  return seen;
}

async function runStep(id: string, stepId: string, person: (prompt: OperatorPrompt) => Promise<void>): Promise<CommissioningView> {
  const prompts = promptsOf(id);
  tb.bench.commissioning.run(id, [stepId]);
  const prompt = await waitFor(() => prompts.find((p) => p !== null), 20_000);
  // The faces read the same prompt as the event said, each with the bench's clock as it was sent.
  expect((await tb.request('GET', `/api/commissioning/${id}`)).status).toBe(200);
  const read = tb.bench.commissioning.prompt(id);
  expect({ ...read, now: prompt.now }).toEqual(prompt);
  expect(Date.parse(read!.now!)).toBeGreaterThanOrEqual(Date.parse(prompt.now!));
  await person(prompt);
  await tb.bench.commissioning.settled(id);
  expect(prompts.at(-1)).toBeNull();
  return tb.bench.commissioning.get(id);
}

const answer = async (id: string, a: 'done' | 'cannot' | 'skip') => {
  const res = await tb.request('POST', `/api/commissioning/${id}/answer`, { answer: a });
  expect(res.status).toBe(204);
};

describe('commissioning a charger the bench asks a person to act on', () => {
  it('asks for the card and passes the reader step on what the charger sent once the person says Done', { timeout: 60_000 }, async () => {
    await commissioningOf('REAL-READER', async (cp, c) => {
      expect(c.virtual).toBe(false);
      const v = await runStep(c.id, 'C6_READER', async (prompt) => {
        expect(prompt.action).toEqual({ kind: 'presentIdTag', connectorId: 1, idTag: 'INSTALLER-1' });
        expect(prompt.text).toMatch(/INSTALLER-1/);
        // The step by its title, not its id; and what no answer does, in a commissioning's words (steps, not cases).
        expect(prompt.during).toBe('In the step “Card reader”');
        expect(prompt.onTimeout).toBe('Without an answer the step is given up and left unfinished (inconclusive); Run again repeats it.');
        // The person holds the card to the reader, then presses Done.
        await cp.presentIdTag(1, 'INSTALLER-1');
        await answer(c.id, 'done');
      });
      const step = v.steps.find((s) => s.id === 'C6_READER')!;
      expect(step.result?.verdict).toBe('pass');
      expect(step.result?.measurements ?? []).toContainEqual(expect.objectContaining({ label: 'Card as sent by the charger', value: 'INSTALLER-1', ok: true }));
      // Nobody is asked any more, and an answer now is refused as such.
      expect(tb.bench.commissioning.prompt(c.id)).toBeNull();
      const late = await tb.request('POST', `/api/commissioning/${c.id}/answer`, { answer: 'done' });
      expect(late.status).toBe(409);
      expect(late.body.error).toMatch(/not waiting for the person at the charger/);
    });
  });

  it('leaves the step inconclusive, naming what was not done, when the person cannot or skips', { timeout: 60_000 }, async () => {
    await commissioningOf('REAL-CANNOT', async (_cp, c) => {
      for (const [said, words] of [
        ['cannot', /The operator could not do it: present the card with idTag INSTALLER-1/],
        ['skip', /The operator skipped: .*INSTALLER-1/],
      ] as const) {
        const v = await runStep(c.id, 'C6_READER', async () => {
          await answer(c.id, said);
          // After Cannot do, the step asks whether the reader reacts at all: it does (Skip).
          if (said === 'cannot') {
            await waitFor(() => (tb.bench.commissioning.prompt(c.id)?.action.kind === 'confirm' ? true : null), 20_000);
            await answer(c.id, 'skip');
          }
        });
        const step = v.steps.find((s) => s.id === 'C6_READER')!;
        expect(step.result?.verdict, said).toBe('inconclusive');
        expect(JSON.stringify(step.result), said).toMatch(words);
      }
      expect(tb.bench.commissioning.get(c.id).steps.find((s) => s.id === 'C6_READER')!.attempts).toBe(2);
    });
  });

  it('with nobody to ask (the CLI without a terminal), ends the step inconclusive saying so, without asking', { timeout: 60_000 }, async () => {
    await commissioningOf('REAL-NOBODY', async (_cp, c) => {
      const prompts = promptsOf(c.id);
      tb.bench.commissioning.run(c.id, ['C6_READER'], undefined, 'the run had no terminal to ask (stdin is not a terminal)');
      await tb.bench.commissioning.settled(c.id);
      const step = tb.bench.commissioning.get(c.id).steps.find((s) => s.id === 'C6_READER')!;
      expect(step.result?.verdict).toBe('inconclusive');
      expect(step.result?.reason).toMatch(/^No operator: the run had no terminal to ask \(stdin is not a terminal\): Present the card .*INSTALLER-1/);
      expect(JSON.stringify(step.result)).not.toMatch(/The operator skipped/);
      expect(prompts.filter((p) => p !== null)).toEqual([]);
    });
  });

  it('stops waiting for the person when the run is stopped', { timeout: 60_000 }, async () => {
    await commissioningOf('REAL-STOP', async (_cp, c) => {
      const v = await runStep(c.id, 'C6_READER', async () => {
        const stop = await tb.request('POST', `/api/commissioning/${c.id}/stop`);
        expect(stop.status).toBeLessThan(300);
      });
      expect(v.steps.find((s) => s.id === 'C6_READER')!.result?.verdict).toBe('inconclusive');
      // Said as it was: the run was stopped, not that the person skipped; and what repeats the step.
      expect(v.steps.find((s) => s.id === 'C6_READER')!.result?.reason).toMatch(
        /^The run was stopped while this step waited for the person at the charger \(Present the card .*INSTALLER-1.*\), so the step did not finish: Run again repeats it\.$/,
      );
      expect(tb.bench.commissioning.prompt(c.id)).toBeNull();
      // Recorded as stopped (not as a run that could not go on), with the steps counted as they stand.
      expect(v.lastRun).toMatchObject({ outcome: 'stopped', steps: ['C6_READER'], stoppedIn: 'C6_READER' });
      expect(v.stepCounts).toEqual({ pass: 0, fail: 0, error: 0, inconclusive: 1, notApplicable: 0, notRun: 9 });
      expect(v.open.find((o) => o.startsWith('The run of 1 step (Card reader)'))).toMatch(
        /^The run of 1 step \(Card reader\) was stopped during Card reader(: .*)?; the charger was put back; 9 of the plan’s 10 steps not run in any run yet/,
      );
      expect(v.open.join('\n')).not.toMatch(/could not go on/);
    });
  });
});

describe('the prompt for putting the charger back after a step', () => {
  it('names the step by its title', { timeout: 60_000 }, async () => {
    await commissioningOf('REAL-BACK', async (cp, c) => {
      const prompts = promptsOf(c.id);
      tb.bench.commissioning.run(c.id, ['C6_READER']);
      // The person presents the card and then plugs in a cable (a real person might): the step ends, and the bench asks to unplug.
      await waitFor(() => prompts.find((p) => p?.action.kind === 'presentIdTag'), 20_000);
      await cp.presentIdTag(1, 'INSTALLER-1');
      cp.plug(1);
      await answer(c.id, 'done');
      const back = await waitFor(() => prompts.find((p) => p?.action.kind === 'unplug'), 20_000);
      expect(back.during).toBe('Putting the charger back after the step “Card reader”');
      cp.unplug(1);
      await answer(c.id, 'done');
      await tb.bench.commissioning.settled(c.id);
    });
  });
});
