// @vitest-environment jsdom
// A run of one step (Card reader) that the bench shutting down, or a person's Stop, cut short: the wizard
// counts it by its own steps (lastRun.steps) — the header, the checks' status line, the stepper's note and
// (the handover's open items are the bench's: test/unit/main/commissioning/partial-cut-short-open) — and says the plan's other steps as not run in any run yet, never as the nine
// steps the shutdown (or the Stop) cost.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { CommissioningLastRun, CommissioningStep, CommissioningView } from '../../src/shared/api/commissioning';
import { formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient } from './fake-client';
import { open, result, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const ids = ['C3_IDENTITY', 'C4_CONNECTORS', 'C5_BASELINE', 'C6_READER', 'C7_OFFLINE', 'C10_LOAD_LIMIT', 'C8_SESSION', 'C9_UNLOCK', 'C9_AVAILABILITY', 'C9_RESET'];
const title = (id: string) => (id === 'C6_READER' ? 'Card reader' : id);
const startedAt = '2025-01-01T10:00:00.000Z';
const shutAt = '2025-01-01T10:00:40.000Z';

/** Only the card reader has a result: this run's, left inconclusive; the nine others never ran. */
const steps: CommissioningStep[] = ids.map((id) => ({
  id,
  title: title(id),
  section: '',
  result: id === 'C6_READER' ? result({ id, title: 'Card reader', verdict: 'inconclusive', reason: 'Stopped before the step ended', startedAt: '2025-01-01T10:00:01.000Z' }) : null,
  attempts: id === 'C6_READER' ? 1 : 0,
}));

const lastRun = (outcome: 'stopped' | 'shutDown'): CommissioningLastRun => ({
  outcome,
  startedAt,
  finishedAt: shutAt,
  steps: ['C6_READER'],
  stoppedIn: 'C6_READER',
  ...(outcome === 'shutDown' && { shutDown: { at: shutAt, during: 'Card reader' } }),
});

/** The bench's items still open (its own words for such a run are tested on the bench: partial-cut-short-open). */
const benchOpen = (outcome: 'stopped' | 'shutDown') => [
  outcome === 'shutDown' ? 'The last run was cut short: the bench shut down at 1 January 2025 10:00:40 UTC during Card reader; 9 steps not run yet' : 'The last run was stopped: 9 steps not run yet',
  'Card reader inconclusive',
];

const show = (outcome: 'stopped' | 'shutDown', step: 'checks') => {
  const v: CommissioningView = view({ steps, verdict: 'incomplete', lastRun: lastRun(outcome), open: benchOpen(outcome) });
  open(fakeClient({ 'commissioning:get': () => v }), `/commissioning/c1?step=${step}`);
};
const header = () => screen.getByText(/Depot Nord, Bay 4 · /).textContent;

describe('a run of one step cut short by the bench shutting down', () => {
  it('counts the run’s own step on the checks and in the header; the other nine are not run in any run yet', async () => {
    show('shutDown', 'checks');
    const status = (await screen.findByText(/^The run of 1 step/)).textContent;
    expect(status).toBe(
      `The run of 1 step (Card reader) was cut short: the bench shut down at ${formatWhen(shutAt)} during Card reader (nobody pressed Stop). 9 of the plan’s 10 steps have not run in any run yet (each can be run on its own below).`,
    );
    expect(header()).toBe('Depot Nord, Bay 4 · Run of 1 step (Card reader) cut short by the bench shutting down, 9 of 10 steps not run in any run yet, not handed over');
    expect(screen.getByText('Run of 1 step cut short — 1 inconclusive, 9 not run yet')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/1 of 10 steps run|9 of 10 steps not run,|Bench shut down —/);
  });
});

describe('a run of one step a person stopped', () => {
  it('counts the run’s own step on the checks and in the header; the other nine are not run in any run yet', async () => {
    show('stopped', 'checks');
    const status = (await screen.findByText(/^The run of 1 step/)).textContent;
    expect(status).toBe('The run of 1 step (Card reader) was stopped during Card reader. 9 of the plan’s 10 steps have not run in any run yet (each can be run on its own below).');
    expect(header()).toBe('Depot Nord, Bay 4 · Run of 1 step (Card reader) stopped, 9 of 10 steps not run in any run yet, not handed over');
    expect(screen.getByText('Run of 1 step stopped — 1 inconclusive, 9 not run yet')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/1 of 10 steps run|Stopped, 9 of 10|Stopped —/);
  });
});

describe('a run of three steps cut short in its second', () => {
  it('says how many of its own steps it ran and did not reach', async () => {
    const three = ['C3_IDENTITY', 'C6_READER', 'C7_OFFLINE'];
    const run: CommissioningLastRun = { ...lastRun('shutDown'), steps: three };
    const withEarlier = steps.map((s) => (s.id === 'C3_IDENTITY' ? { ...s, result: result({ id: s.id, title: s.title, startedAt: '2025-01-01T10:00:00.500Z' }), attempts: 1 } : s));
    open(fakeClient({ 'commissioning:get': () => view({ steps: withEarlier, verdict: 'incomplete', lastRun: run }) }), '/commissioning/c1?step=checks');
    const status = (await screen.findByText(/^The run of 3 steps/)).textContent;
    expect(status).toBe(
      `The run of 3 steps (C3_IDENTITY, Card reader, C7_OFFLINE) was cut short: the bench shut down at ${formatWhen(shutAt)} during Card reader (nobody pressed Stop): 2 of its 3 steps run, 1 not reached. 8 of the plan’s 10 steps have not run in any run yet (each can be run on its own below).`,
    );
  });
});
