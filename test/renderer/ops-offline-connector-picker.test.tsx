// @vitest-environment jsdom
// The Connector picker of the operation panels (Change availability, Trigger message, Reserve…) lists each
// connector with its status. While the charger is offline those statuses are the last it sent: the picker
// says so ("Connector 2 · Charging (last known)", and since when, as Remote stop says of its sessions),
// never as if live. A live charger's picker lists them plainly.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { aCharger, aConnector, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { formatWhen } from '../../src/renderer/src/components/format';
import type { OperationAction } from '../../src/renderer/src/features/operations/kit/actions';

const lastSeen = minutesAgo(5);

function bench(connected: boolean) {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: { VCP2: aCharger('VCP2', { connected, lastSeen: connected ? minutesAgo(0) : lastSeen, connectors: [aConnector(0), aConnector(1), aConnector(2, { status: 'Charging' })] }) },
  });
}

const client = () => fakeClient({ 'operations:list': () => [], 'settings:get': () => ({ heartbeatInterval: 300 }) as never });

afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState, true);
});

async function options(initial: OperationAction): Promise<string[]> {
  const user = userEvent.setup();
  render(withBench(client(), <OperationsPanel chargerId="VCP2" initial={initial} />));
  await user.click(screen.getByRole('combobox', { name: /^Connector/ }));
  return screen.getAllByRole('option').map((o) => o.textContent ?? '');
}

describe('the connector picker of an offline charger', () => {
  it('Change availability lists the statuses as last known, with since when', async () => {
    bench(false);
    expect(await options('ChangeAvailability')).toEqual(['Whole charger (connector 0) · Available (last known)', 'Connector 1 · Available (last known)', 'Connector 2 · Charging (last known)']);
    expect(screen.getByText(`Statuses as last known (VCP2 is offline, last seen ${formatWhen(lastSeen)} (5 min ago))`)).toBeTruthy();
  });

  it('Trigger message keeps its own hint beside the last-known one', async () => {
    bench(false);
    expect(await options('TriggerMessage')).toEqual(['Not given (all connectors)', 'Connector 1 · Available (last known)', 'Connector 2 · Charging (last known)']);
    expect(screen.getByText(/^Statuses as last known \(VCP2 is offline, last seen /)).toBeTruthy();
  });

  it('a live charger lists its statuses plainly', async () => {
    bench(true);
    expect(await options('ChangeAvailability')).toEqual(['Whole charger (connector 0) · Available', 'Connector 1 · Available', 'Connector 2 · Charging']);
    expect(screen.queryByText(/last known/)).toBeNull();
  });
});
