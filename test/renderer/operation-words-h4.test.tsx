// @vitest-environment jsdom
// An operation's result is worded from what was true when it ended: one that found a charger registered ahead
// and never connected keeps saying so (check its URL and identity) after the charger has connected since, and
// one that found a charger offline after contact is not turned into "never connected". The configuration
// table's inline edits name the charger when its connection dropped, as every other operation does.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { PanelContext, ResultAlert, type PanelContextValue } from '../../src/renderer/src/features/operations/kit/parts';
import { explainResult } from '../../src/renderer/src/features/operations/registry';
import { formatClock } from '../../src/renderer/src/components/format';
import type { OperationResult } from '../../src/shared/api/contract';
import type { ChargerView } from '../../src/shared/api/views';
import { aCharger, fakeClient, benchPerTest, withBench } from './fake-client';
import { completed } from './builders';

const neverSeen = () => aCharger('UIV2', { connected: false, lastBoot: null, remoteAddress: null, connectors: [], registered: true, boot: null, lastHeartbeat: null });

const makeLive = benchPerTest(() => ({ chargers: { UIV2: aCharger('UIV2') } }));

function shown(charger: ChargerView, result: OperationResult) {
  const context: PanelContextValue = { chargerId: 'UIV2', charger, online: charger.connected, connectorIds: [1], explain: explainResult };
  return (
    <PanelContext.Provider value={context}>
      <ResultAlert action="Reset" result={result} />
    </PanelContext.Provider>
  );
}

describe('an offline result is worded from what was true when it ended', () => {
  it('still says "never connected" once the charger has connected since', () => {
    const result: OperationResult = { outcome: 'offline', error: { description: 'Charger UIV2 is not connected' }, neverConnected: true };
    const { rerender } = render(shown(neverSeen(), result));
    expect(screen.getByRole('status').textContent).toMatch(/Reset: Never connected.*UIV2 has never connected to this bench, so nothing was sent/);
    // The charger connects for the first time, then drops: the old result's words stand.
    rerender(shown(aCharger('UIV2', { connected: true }), result));
    expect(screen.getByRole('status').textContent).toMatch(/UIV2 has never connected to this bench, so nothing was sent\. Check the central system URL/);
    rerender(shown(aCharger('UIV2', { connected: false }), result));
    expect(screen.getByRole('status').textContent).not.toMatch(/wait until it reconnects/);
  });

  it('says "offline" for a charger that had connected, whatever its view says now', () => {
    const result: OperationResult = { outcome: 'offline', error: { description: 'Charger UIV2 is not connected' }, neverConnected: false };
    render(shown(neverSeen(), result));
    const text = screen.getByRole('status').textContent!;
    expect(text).toMatch(/Reset: Charger offline.*wait until it reconnects/);
    expect(text).not.toMatch(/never connected/);
  });
});

describe('an inline configuration edit whose connection dropped', () => {
  const DROPPED = 'Charger UIV2 disconnected: Connection lost (1006, no close frame): the network dropped, the charger restarted, or it stopped answering pings';
  async function editAnswered(edited: OperationResult) {
    const user = userEvent.setup();
    const client = fakeClient({
      'chargers:operate': (args) => (args.action === 'GetConfiguration' ? completed({ configurationKey: [{ key: 'ConnectionTimeOut', readonly: false, value: '30' }] }) : edited),
      'tests:list': () => [],
      'commissioning:list': () => [],
    });
    makeLive(client, { chargers: { UIV2: aCharger('UIV2') } });
    render(withBench(client, <OperationsPanel chargerId="UIV2" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    const row = () =>
      within(screen.getByRole('table', { name: 'Configuration keys' }))
        .getByText('ConnectionTimeOut')
        .closest('tr') as HTMLElement;
    await screen.findByRole('table', { name: 'Configuration keys' });
    await user.click(within(row()).getByRole('button', { name: 'Edit ConnectionTimeOut' }));
    const field = screen.getByRole('textbox', { name: 'New value for ConnectionTimeOut' });
    await user.clear(field);
    await user.type(field, '45{Enter}');
    return (await within(row()).findByText(/connection dropped \(1006\)/)).textContent!;
  }

  it('names the charger when it was never sent (queued behind a call)', async () => {
    const sentAt = '2025-01-01T09:08:18.000Z';
    const text = await editAnswered({ outcome: 'offline', error: { description: DROPPED }, queuedBehind: { action: 'Reset', sentAt, operationId: 7 } });
    expect(text).toContain(`Never sent: UIV2's connection dropped (1006) while this waited behind the Reset sent at ${formatClock(sentAt)}`);
    expect(text).not.toMatch(/The charger's connection/);
  });

  it('names the charger when it was sent and no answer came', async () => {
    const sentAt = '2025-01-01T09:08:20.000Z';
    const text = await editAnswered({ outcome: 'offline', error: { description: DROPPED }, sent: true, sentAt, operationId: 8 });
    expect(text).toContain(`Sent at ${formatClock(sentAt)}; UIV2's connection dropped (1006) before an answer`);
  });
});
