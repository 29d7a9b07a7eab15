// @vitest-environment jsdom
// An operation to a charger registered ahead that has never connected comes back "offline": its result
// says it has never connected to this bench (check its central system URL and identity), as the Chargers
// list says "never connected", not "wait until it reconnects" as if its link had dropped. A charger that
// was connected before still reads "Charger offline".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { PanelContext, ResultAlert, type PanelContextValue } from '../../src/renderer/src/features/operations/kit/parts';
import { explainResult } from '../../src/renderer/src/features/operations/registry';
import type { OperationResult } from '../../src/shared/api/contract';

const never = () => aCharger('NEVER1', { connected: false, lastBoot: null, remoteAddress: null, connectors: [], registered: true, boot: null, lastHeartbeat: null });
const offline: OperationResult = { outcome: 'offline', error: { description: 'Charger NEVER1 is not connected' } };

beforeEach(() => {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: { NEVER1: never(), GONE1: aCharger('GONE1', { connected: false }) },
  });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('an operation to a charger that has never connected', () => {
  it('says so in Send to selected…, and a charger that dropped still reads offline', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'tests:list': () => [],
      'commissioning:list': () => [],
      'chargers:operate': ({ chargerId }: { chargerId: string }) => ({ outcome: 'offline', error: { description: `Charger ${chargerId} is not connected` } }),
    });
    render(withBench(client, <MultiSendDialog chargerIds={['NEVER1', 'GONE1']} open onClose={() => undefined} />));
    await user.type(screen.getByRole('textbox', { name: /Key/ }), 'HeartbeatInterval');
    await user.type(screen.getByRole('textbox', { name: /Value/ }), '60');
    await user.click(screen.getByRole('button', { name: /Set HeartbeatInterval on/ }));
    const table = await screen.findByRole('table', { name: 'Results per charger' });
    await within(table).findByText('Never connected');
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(within(first).getByText('NEVER1')).toBeTruthy();
    expect(within(first).getByText(/NEVER1 has never connected to this bench, so nothing was sent\. Check the central system URL and the identity/)).toBeTruthy();
    expect(within(first).queryByText(/wait until it reconnects/)).toBeNull();
    expect(within(second).getByText('GONE1')).toBeTruthy();
    expect(within(second).getByText('Charger offline')).toBeTruthy();
    expect(within(second).getByText(/wait until it reconnects/)).toBeTruthy();
  });

  it('says so in a single panel', () => {
    const context: PanelContextValue = { chargerId: 'NEVER1', charger: never(), online: false, connectorIds: [1], explain: explainResult };
    render(
      <PanelContext.Provider value={context}>
        <ResultAlert action="Reset" result={offline} />
      </PanelContext.Provider>,
    );
    const alert = screen.getByRole('status');
    expect(within(alert).getByText(/Reset: Never connected/)).toBeTruthy();
    expect(alert.textContent).toMatch(/NEVER1 has never connected to this bench, so nothing was sent/);
    expect(alert.textContent).not.toMatch(/wait until it reconnects/);
  });

  it('reads offline in a single panel for a charger that was connected before', () => {
    const context: PanelContextValue = { chargerId: 'GONE1', charger: aCharger('GONE1', { connected: false }), online: false, connectorIds: [1], explain: explainResult };
    render(
      <PanelContext.Provider value={context}>
        <ResultAlert action="Reset" result={offline} />
      </PanelContext.Provider>,
    );
    expect(screen.getByRole('status').textContent).toMatch(/Charger offline.*wait until it reconnects/);
  });
});
