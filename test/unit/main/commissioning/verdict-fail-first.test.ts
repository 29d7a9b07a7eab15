// A commissioning with a failed step or a check not conform is a fail (Needs a revisit) even with other items
// still open: an installer or customer reads "Incomplete" as unfinished, not as a charger known to be faulty.
// Once handed over its record is final: what is still open is listed without the advice to run it again.
import { describe, expect, it } from 'vitest';
import { openOf, verdictOf, viewOf } from '../../../../src/main/commissioning/model';
import { commissioningHtml } from '../../../../src/main/commissioning/reports/html';
import { storedCommissioning } from '../../../helpers/stored-commissioning';
import { builtInTemplates, checklistItems, type ChecklistEntry, type CommissioningStep } from '../../../../src/shared/api/commissioning';
import { withoutRunAgain } from '../../../../src/shared/api/commissioning-final-words';

const checklist = (patch: Record<string, ChecklistEntry['result']> = {}): ChecklistEntry[] =>
  checklistItems.map((i) => ({ id: i.id, result: i.id in patch ? patch[i.id]! : 'conform', value: i.unit ? '1' : '', note: '' }));
const step = (id: string, title: string, verdict: 'pass' | 'fail' | 'error' | 'inconclusive' | null, reason = ''): CommissioningStep =>
  ({ id, title, attempts: verdict ? 1 : 0, result: verdict ? { verdict, reason, startedAt: '2025-01-01T10:00:00Z' } : null }) as unknown as CommissioningStep;
const base = { template: builtInTemplates[0]!, configAfter: null, runError: null };
const stopped = 'The run was stopped during this step, so the step did not finish: Run again repeats it.';

describe('the verdict of a commissioning with a failure and items still open', () => {
  it('is fail when a step failed though a check is not answered and a step has not run', () => {
    const c = { ...base, steps: [step('C9_UNLOCK', 'Unlock', 'fail', 'The plug stayed locked'), step('C9_RESET', 'Reset', null)], checklist: checklist({ cable: null }) };
    expect(verdictOf(c)).toBe('fail');
    // What is open is still listed, the failure among it.
    expect(openOf(c)).toEqual(['Unlock failed: The plug stayed locked', 'Reset: not run yet', 'Cable and connector undamaged and correctly rated not checked']);
  });

  it('is fail when a check is not conform though another is not answered and a step is inconclusive', () => {
    const c = { ...base, steps: [step('C9_UNLOCK', 'Unlock', 'inconclusive', stopped)], checklist: checklist({ cable: 'notConform', mounting: null }) };
    expect(verdictOf(c)).toBe('fail');
  });

  it('stays incomplete with items open and no failure, and a step the bench could not run fails only once all is done', () => {
    expect(verdictOf({ ...base, steps: [step('C9_UNLOCK', 'Unlock', 'error'), step('C9_RESET', 'Reset', null)], checklist: checklist() })).toBe('incomplete');
    expect(verdictOf({ ...base, steps: [step('C9_UNLOCK', 'Unlock', 'error')], checklist: checklist() })).toBe('fail');
    expect(verdictOf({ ...base, steps: [step('C9_UNLOCK', 'Unlock', 'pass')], checklist: checklist() })).toBe('pass');
  });
});

describe('what is open once handed over', () => {
  const handover = { signedAt: '2025-01-01T12:00:00Z', verdict: 'incomplete' } as never;
  const c = {
    ...base,
    steps: [step('C9_UNLOCK', 'Unlock', 'inconclusive', stopped), step('C9_RESET', 'Reset', 'inconclusive', 'Stopped'), step('C9_AVAILABILITY', 'Availability', 'error', 'no answer')],
    checklist: checklist(),
  };

  it('lists the open items without advising to run them again', () => {
    expect(openOf({ ...c, handover })).toEqual([
      'Unlock is inconclusive: The run was stopped during this step, so the step did not finish.',
      'Reset is inconclusive: Stopped',
      'Availability: the bench could not run it (no answer)',
    ]);
  });

  it('still advises running them again before it is handed over', () => {
    expect(openOf({ ...c, handover: null })).toEqual([
      `Unlock is inconclusive: ${stopped}`,
      'Reset is inconclusive: Stopped; run it again',
      'Availability: the bench could not run it (no answer); run it again',
    ]);
  });

  it('drops each form of the advice, keeping the rest of the words', () => {
    expect(withoutRunAgain('The bench shut down at 10:00 during this step, so the step did not finish: Run again repeats it. (Stopped)')).toBe(
      'The bench shut down at 10:00 during this step, so the step did not finish. (Stopped)',
    );
    expect(withoutRunAgain('Without an answer the step is given up and left unfinished (inconclusive); Run again repeats it.')).toBe(
      'Without an answer the step is given up and left unfinished (inconclusive).',
    );
    expect(withoutRunAgain("Check the charger's network connection (and its power); Run again repeats the step.")).toBe("Check the charger's network connection (and its power).");
    expect(withoutRunAgain('Check that the charger is online and nothing holds the plug, then Run again.')).toBe('Check that the charger is online and nothing holds the plug.');
    expect(withoutRunAgain('Check its power supply and its firmware. Then Run again.')).toBe('Check its power supply and its firmware.');
  });
});

describe('the report of a commissioning', () => {
  const unlock = {
    ...step('C9_UNLOCK', 'Unlock', 'inconclusive', stopped),
    result: { ...step('C9_UNLOCK', 'Unlock', 'inconclusive', stopped).result, measurements: [], steps: [], observations: [], cleanupProblems: [] },
  } as unknown as CommissioningStep;
  const report = (handover: unknown) => commissioningHtml({ view: viewOf(storedCommissioning({ steps: [unlock], handover: handover as never }), [], null), photo: () => null, evidenceSha256: 'x' });

  it('once signed, lists the step still open and why it did not finish, without advising to run it again', () => {
    const html = report({ signedAt: '2026-01-01T12:00:00.000Z', verdict: 'incomplete', installer: { name: 'A' }, customer: { name: 'B' }, notes: '' });
    expect(html).toContain('Unlock is inconclusive: The run was stopped during this step, so the step did not finish.</li>');
    expect(html).toContain('The run was stopped during this step, so the step did not finish.</p>');
    expect(html).not.toMatch(/Run again|run it again/i);
  });

  it('before signing, still says that Run again repeats it', () => {
    expect(report(null)).toContain('Run again repeats it.');
  });
});
