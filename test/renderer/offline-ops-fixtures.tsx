// VCP2's operations panel on a charger that is live or offline since 5 min ago, and a confirmation of an
// operation: what the tests of the panels' and confirmations' "last known" statuses and sessions (connector
// picker, Unlock connector's radios, Remote stop's picker, what runs where a confirmation acts) share.
import { afterEach } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type Handlers } from './fake-client';
import { aCharger, aConnector, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { ConfirmDialog } from '../../src/renderer/src/components/ConfirmDialog';
import type { OperationAction } from '../../src/renderer/src/features/operations/kit/actions';
import type { ConnectorView, TransactionView } from '../../src/shared/api/views';

/** When an offline VCP2 was last seen (5 min ago). */
export const lastSeen = minutesAgo(5);

/** Connector 0, 1 Available, 2 Charging. */
export const oneCharging = (): ConnectorView[] => [aConnector(0), aConnector(1), aConnector(2, { status: 'Charging' })];

/** A loaded bench holding VCP2 with `connectors` and `activeTransactions`; `connected: false`: offline, last seen `lastSeen`. */
export function vcp2Bench(connected: boolean, connectors: ConnectorView[] = oneCharging(), activeTransactions?: Record<number, TransactionView>): void {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: { VCP2: aCharger('VCP2', { connected, lastSeen: connected ? minutesAgo(0) : lastSeen, connectors }) },
    ...(activeTransactions ? { activeTransactions } : {}),
  });
}

/** Each test of the file ends unmounted with the store as at the app's start. */
export function resetBenchAfterEach(): void {
  afterEach(() => {
    cleanup();
    useBench.setState(initialBenchState, true);
  });
}

/** Renders VCP2's operations panel open on `initial`, with a client that lists no operations; `extra` answers more. */
export function renderVcp2Panel(initial: OperationAction, extra: Handlers = {}): void {
  const client = fakeClient({ 'operations:list': () => [], 'settings:get': () => ({ heartbeatInterval: 300 }) as never, ...extra });
  render(withBench(client, <OperationsPanel chargerId="VCP2" initial={initial} />));
}

/** Opens the panel on `initial`, then the combobox named `picker`: the texts of its options. */
export async function pickerOptions(initial: OperationAction, picker: RegExp, extra: Handlers = {}): Promise<string[]> {
  const user = userEvent.setup();
  renderVcp2Panel(initial, extra);
  await user.click(screen.getByRole('combobox', { name: picker }));
  return screen.getAllByRole('option').map((o) => o.textContent ?? '');
}

/** The confirmation of unlocking SITE-CP1's connector 1 (the one dialog every operation's confirmation is), titled `title`. */
export const unlockSiteCp1Confirm = (title = 'Unlock connector 1 of SITE-CP1?') => (
  <ConfirmDialog open title={title} chargerId="SITE-CP1" connectorId={1} target="SITE-CP1 · connector 1" consequence="…" confirmLabel="Unlock" onCancel={() => undefined} onConfirm={() => undefined} />
);
