// @vitest-environment jsdom
// The Offline fault switch and its "Back after" seconds: switched on with the seconds as typed, in one click
// and one call; never switched on with the seconds from before while the field holds no valid number.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtualChargersScreen } from '../../src/renderer/src/features/virtual/VirtualChargersScreen';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { Faults, type FaultsPatch } from '../../src/shared/api/virtual-chargers';
import type { z } from 'zod';
import { fakeClient, withBench } from './fake-client';
import { aVirtualCharger } from './virtual-fixtures';

beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(cleanup);

/** The screen with VCP1 (Offline off, back after 20 s); the bench applies each patch sent. */
function showing() {
  let faults = Faults.parse({ offlineSeconds: 20 });
  useBench.setState({ loaded: true, link: 'open', virtualChargers: { VCP1: aVirtualCharger('VCP1', { faults }) } });
  const client = fakeClient({
    'virtualChargers:setFaults': ({ faults: patch }: { faults: z.infer<typeof FaultsPatch> }) => {
      faults = Faults.parse({ ...faults, ...patch });
      return aVirtualCharger('VCP1', { faults });
    },
  } as never);
  render(withBench(client, <VirtualChargersScreen />, '/virtual'));
  return client;
}

async function openFaults(user: ReturnType<typeof userEvent.setup>) {
  const card = within(screen.getByRole('region', { name: 'Virtual charger VCP1' }));
  await user.click(card.getByRole('button', { name: /Fault switches/ }));
  return card;
}

describe('the Offline switch with its seconds', () => {
  it('stays off while "Back after" is empty, saying why, and sends nothing', async () => {
    const client = showing();
    const user = userEvent.setup({ delay: null });
    const card = await openFaults(user);
    await user.clear(card.getByLabelText('Back after'));
    await user.click(card.getByRole('switch', { name: 'Offline' }));
    expect(card.getByText('Back after must be from 0 to 86400 s')).toBeTruthy();
    expect((card.getByRole('switch', { name: 'Offline' }) as HTMLInputElement).checked).toBe(false);
    expect(client.callsOf('virtualChargers:setFaults')).toEqual([]);
    expect(card.queryByText(/Offline \(20 s\)/)).toBeNull();
  });

  it('goes on with the seconds just typed, in one click and one call', async () => {
    const client = showing();
    const user = userEvent.setup({ delay: null });
    const card = await openFaults(user);
    const seconds = card.getByLabelText('Back after');
    await user.clear(seconds);
    await user.type(seconds, '0');
    await user.click(card.getByRole('switch', { name: 'Offline' }));
    await waitFor(() => expect((card.getByRole('switch', { name: 'Offline' }) as HTMLInputElement).checked).toBe(true));
    expect(client.callsOf('virtualChargers:setFaults')).toEqual([{ id: 'VCP1', faults: { offline: true, offlineSeconds: 0 } }]);
    expect(card.getByText('1 on: Offline')).toBeTruthy();
  });

  it('still sends the seconds alone when the field is left for elsewhere', async () => {
    const client = showing();
    const user = userEvent.setup({ delay: null });
    const card = await openFaults(user);
    const seconds = card.getByLabelText('Back after');
    await user.clear(seconds);
    await user.type(seconds, '45');
    await user.click(card.getByRole('switch', { name: 'Session start fails' }));
    expect(client.callsOf('virtualChargers:setFaults')[0]).toEqual({ id: 'VCP1', faults: { offlineSeconds: 45 } });
  });
});
