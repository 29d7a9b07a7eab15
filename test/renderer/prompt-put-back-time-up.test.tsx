// @vitest-environment jsdom
// What the dialog says when a request's time is up depends on what the request is: a step of a case (or of a
// commissioning) is given up; the put-back's request to unplug the cable after a case is not a step, so
// nothing is given up: the bench goes on without it, and the connector may keep its cable in. The same for
// the notice that hides a request whose time ran out meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { PromptDialog } from '../../src/renderer/src/components/PromptDialog';
import { PromptMissed } from '../../src/renderer/src/components/PromptMissed';
import type { OperatorPrompt } from '../../src/shared/api/test-runs';

afterEach(cleanup);

const step: OperatorPrompt = { id: 'req-1', caseId: 'TC_003_CS', step: 1, action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable into connector 1, then press Done.', timeoutS: 30 };

/** The put-back after TC_003_CS asking for the cable to be unplugged (as restore.ts asks it). */
const putBack: OperatorPrompt = {
  id: 'req-2',
  caseId: 'TC_003_CS',
  step: 5,
  during: 'Putting the charger back after TC_003_CS',
  putBack: true,
  onTimeout: 'Without an answer the run goes on, and the cable is named with TC_003_CS as perhaps still in (what follows may fail on it).',
  action: { kind: 'unplug', connectorId: 1 },
  text: 'Unplug the EV cable from connector 1 (the EV side if the cable is fixed), then press Done.',
  timeoutS: 30,
};

/** Asked 31 s ago: its 30 s are up. */
const up = () => Date.now() - 31_000;

const timer = () => screen.getByRole('timer', { name: 'Time left to answer' });

describe('a request whose time is up, in its dialog', () => {
  it('a step of a case: the step is being given up', () => {
    render(<PromptDialog prompt={step} chargerId={null} since={up()} onAnswer={() => undefined} pending={false} error={null} />);
    expect(timer().textContent).toContain('Time is up: the step is being given up');
  });

  it('the put-back: the bench goes on without it, and connector 1 may keep its cable (no step is given up)', () => {
    render(<PromptDialog prompt={putBack} chargerId={null} since={up()} onAnswer={() => undefined} pending={false} error={null} />);
    expect(timer().textContent).toContain('Time is up: the bench goes on without an answer, and connector 1 may still have its cable in');
    expect(timer().textContent).not.toContain('given up');
  });
});

describe('a request whose time ran out behind the notice of one that went away', () => {
  const missed = { key: 'run-1', prompt: { ...step, id: 'req-0', caseId: 'TC_001_CS' }, since: Date.now() - 60_000, ahead: 0, why: 'timedOut' as const, at: Date.now() - 30_000 };
  const notice = () => screen.getByRole('timer', { name: 'Time left to answer the next request' }).textContent;

  it('a step: its step is being given up', () => {
    render(<PromptMissed missed={[missed]} chargerOf={() => null} next={{ key: 'run-1', prompt: step, since: up(), ahead: 0 }} onRead={() => undefined} />);
    expect(notice()).toContain('its time to answer ran out while this was shown, and the step is being given up.');
  });

  it('the put-back: the bench goes on without it, and connector 1 may keep its cable', () => {
    render(<PromptMissed missed={[missed]} chargerOf={() => null} next={{ key: 'run-1', prompt: putBack, since: up(), ahead: 0 }} onRead={() => undefined} />);
    expect(notice()).toContain('its time to answer ran out while this was shown: the bench goes on without it, and connector 1 may still have its cable in.');
    expect(notice()).not.toContain('given up');
  });
});
