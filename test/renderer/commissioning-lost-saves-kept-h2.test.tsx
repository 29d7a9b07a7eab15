// @vitest-environment jsdom
// A checklist text that could not be saved after its step was left is kept in the tab's session storage: after
// a reload the wizard still says it, with the text as typed, until it is saved or put aside.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import { forgetLostSaves, LOST_SAVES_KEY } from '../../src/renderer/src/features/commissioning/lost-saves';
import type { CommissioningView } from '../../src/shared/api/commissioning';
import { fakeClient } from './fake-client';
import { open, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();
beforeEach(forgetLostSaves);

/** A bench that refuses each checklist save when the test says. */
function refusingBench() {
  const waiting: Array<() => void> = [];
  const client = fakeClient({
    'commissioning:get': () => view(),
    'commissioning:setChecklist': () => new Promise((_resolve, reject) => waiting.push(() => reject(new CallFailure({ status: 503, message: 'the link to the bench is lost' })))),
  });
  const refuse = async () => {
    await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
    waiting.shift()!();
  };
  return { client, refuse };
}

const TEXT = 'Not saved: the note of Earth resistance (the link to the bench is lost). As typed: “see photo”';

/** The note of Earth resistance typed, its step left at once, and its save refused: the wizard says it. */
async function loseOne() {
  const user = userEvent.setup();
  const { client, refuse } = refusingBench();
  open(client, '/commissioning/c1?step=checklist');
  const earth = await screen.findByRole('region', { name: 'Earth resistance' });
  await user.type(within(earth).getByRole('textbox', { name: /: notes$/ }), 'see photo');
  await user.click(screen.getByRole('tab', { name: /^Report/ }));
  await screen.findByRole('region', { name: 'Report' });
  await refuse();
  const alert = (await screen.findByText(/^Not saved:/)).closest<HTMLElement>('[role="alert"]')!;
  expect(alert.textContent).toBe(TEXT);
  return alert;
}

/** The page loaded again: the module (and its memory) anew, the tab's session storage as it was. */
async function reload() {
  cleanup();
  vi.resetModules();
  return import('../../src/renderer/src/features/commissioning/lost-saves');
}

describe('a checklist text not saved after its step was left', () => {
  it('is still said after a reload, with the text as typed', async () => {
    await loseOne();
    const fresh = await reload();
    render(<fresh.LostSaves view={view()} />);
    expect(screen.getByRole('alert').textContent).toBe(TEXT);
  });

  it('put aside, is not said after a reload', async () => {
    const user = userEvent.setup();
    await user.click(within(await loseOne()).getByRole('button', { name: 'Close' }));
    const fresh = await reload();
    render(<fresh.LostSaves view={view()} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('saved since (the bench holds the text), is not said, nor kept', async () => {
    await loseOne();
    const fresh = await reload();
    const saved: CommissioningView['checklist'] = [{ id: 'earthResistance', result: null, value: '', note: 'see photo' }];
    render(<fresh.LostSaves view={view({ checklist: saved })} />);
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(JSON.parse(sessionStorage.getItem(LOST_SAVES_KEY)!).state.lost).toEqual([]));
  });

  it('kept in a form that does not read as one is not said, and breaks nothing', async () => {
    sessionStorage.setItem(LOST_SAVES_KEY, JSON.stringify({ state: { lost: [{ id: 'c1', item: 'noSuchItem', field: 'note', text: 'x', reason: 'y' }, 42] }, version: 0 }));
    const fresh = await reload();
    render(<fresh.LostSaves view={view()} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
