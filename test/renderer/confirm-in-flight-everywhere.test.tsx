// @vitest-environment jsdom
// Every confirmation of an operation to a charger names what is still on its way to it, which what is
// confirmed will be queued behind: Unlock connector's (in its panel and from a connector card), and the
// Overview's Stop session and a transaction's Stop, as Reset's and Remote stop's do.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConnectorActions, StopTransactionButton } from '../../src/renderer/src/features/operations/QuickActions';
import { useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import { fakeClient, withBench } from './fake-client';
import { aTransaction, secondsFromNow } from './builders';
import { oneCharging, renderVcp2Panel, resetBenchAfterEach, vcp2Bench } from './offline-ops-fixtures';

resetBenchAfterEach();

const SENT = secondsFromNow(-2);
const DUE = secondsFromNow(28);
const tx = aTransaction(17, 'VCP2', 2, 'TAG-ALICE');
const NOTE = `DataTransfer sent ${formatClock(SENT)} is still waiting for its answer (due by ${formatClock(DUE)}). This will be queued behind it, and sent once it has been answered (or not in time).`;

/** VCP2 live, connector 2 charging transaction 17, a DataTransfer sent to it and unanswered. */
function bench() {
  vcp2Bench(true, oneCharging(), { 17: tx });
  useBench.setState({ inFlight: { VCP2: [{ ref: 'other', chargerId: 'VCP2', action: 'DataTransfer', state: 'sent', queuedAt: SENT, sentAt: SENT, dueBy: DUE, operationId: 3 }] } });
}

const client = () => fakeClient({ 'operations:list': () => [], 'settings:get': () => ({ heartbeatInterval: 300 }) as never });
const noteIn = async () => within(await screen.findByRole('dialog')).getByTestId('in-flight-note').textContent;

describe('what is on its way to the charger, in the confirmation', () => {
  it("Unlock connector's panel", async () => {
    const user = userEvent.setup();
    bench();
    renderVcp2Panel('UnlockConnector');
    await user.click(screen.getByRole('radio', { name: /^Connector 1/ }));
    await user.click(screen.getByRole('button', { name: 'Unlock connector 1…' }));
    expect(await noteIn()).toBe(NOTE);
  });

  it("a connector card's Unlock", async () => {
    const user = userEvent.setup();
    bench();
    render(withBench(client(), <ConnectorActions chargerId="VCP2" connectorId={1} />));
    await user.click(screen.getByRole('button', { name: 'Unlock…' }));
    expect(await noteIn()).toBe(NOTE);
  });

  it("a connector card's Stop session", async () => {
    const user = userEvent.setup();
    bench();
    render(withBench(client(), <ConnectorActions chargerId="VCP2" connectorId={2} />));
    await user.click(screen.getByRole('button', { name: 'Stop session…' }));
    expect(await noteIn()).toBe(NOTE);
  });

  it("a transaction's Stop", async () => {
    const user = userEvent.setup();
    bench();
    render(withBench(client(), <StopTransactionButton transaction={tx} />));
    await user.click(screen.getByRole('button', { name: 'Stop…' }));
    expect(await noteIn()).toBe(NOTE);
  });
});
