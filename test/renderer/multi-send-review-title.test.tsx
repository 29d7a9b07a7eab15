// @vitest-environment jsdom
// The review of a send to several chargers is titled by what is really sent, as its button is: an offline
// charger of the selection gets nothing, so "Confirm: Send to 2 chargers (1 offline)", not "to 3 chargers".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';

const chargers = (thirdOnline: boolean) => ({ CP001: aCharger('CP001'), CP002: aCharger('CP002'), CP003: aCharger('CP003', { connected: thirdOnline }) });

beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: chargers(false) }));
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

async function reviewSoftReset() {
  const client = fakeClient({ 'tests:list': () => [], 'commissioning:list': () => [] });
  render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002', 'CP003']} open onClose={() => undefined} />));
  const user = userEvent.setup();
  await user.click(screen.getByRole('combobox', { name: 'Operation' }));
  await user.click(screen.getByRole('option', { name: 'Reset' }));
  await user.click(screen.getByRole('button', { name: 'Review…' }));
  return within(await screen.findByRole('dialog'));
}

describe('the review of a reset to 3 selected chargers', () => {
  it('with one offline, is titled by the 2 it is sent to, as its button says', async () => {
    const dialog = await reviewSoftReset();
    expect(await dialog.findByRole('button', { name: 'Soft reset 2 chargers (1 offline)' })).toBeTruthy();
    expect(dialog.getByRole('heading', { name: 'Confirm: Send to 2 chargers (1 offline)' })).toBeTruthy();
    expect(dialog.queryByText(/Send to 3 chargers/)).toBeNull();
  });

  it('with all online, is titled by all 3', async () => {
    useBench.setState({ chargers: chargers(true) });
    const dialog = await reviewSoftReset();
    expect(await dialog.findByRole('button', { name: 'Soft reset 3 chargers' })).toBeTruthy();
    expect(dialog.getByRole('heading', { name: 'Confirm: Send to 3 chargers' })).toBeTruthy();
  });
});
