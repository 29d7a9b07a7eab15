// @vitest-environment jsdom
// A send to several chargers counts on its button only the chargers that will receive it: an offline one
// gets nothing (its row in the results says so), and the button says how many of the selection are offline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';

beforeEach(() => {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: { CP001: aCharger('CP001'), CP002: aCharger('CP002'), CP003: aCharger('CP003', { connected: false }) },
  });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('a send to 3 chargers, one of them offline', () => {
  const open = () => {
    const client = fakeClient({ 'tests:list': () => [], 'commissioning:list': () => [] });
    render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002', 'CP003']} open onClose={() => undefined} />));
    return userEvent.setup();
  };

  it('says "Set a configuration key on 2 chargers (1 offline)"', async () => {
    open();
    expect(screen.getByRole('button', { name: 'Set a configuration key on 2 chargers (1 offline)' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /on 3 chargers/ })).toBeNull();
  });

  it('says "Hard reset 2 chargers (1 offline)" on the reset it confirms', async () => {
    const user = open();
    await user.click(screen.getByRole('combobox', { name: 'Operation' }));
    await user.click(screen.getByRole('option', { name: 'Reset' }));
    await user.click(screen.getByRole('radio', { name: 'Hard' }));
    await user.click(screen.getByRole('button', { name: 'Review…' }));
    expect(await screen.findByRole('button', { name: 'Hard reset 2 chargers (1 offline)' })).toBeTruthy();
  });

  it('counts them all when all are online', async () => {
    useBench.setState((s) => ({ chargers: { ...s.chargers, CP003: aCharger('CP003') } }));
    open();
    expect(screen.getByRole('button', { name: 'Set a configuration key on 3 chargers' })).toBeTruthy();
  });
});
