// @vitest-environment jsdom
// The card field of a virtual charger's connector panel while a session runs: it holds the session's card
// (presenting it stops the session), and its hint says truly what presenting the card in it does, naming
// the session's card: another card stops the session only if authorized with the same parent idTag.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtualChargersScreen } from '../../src/renderer/src/features/virtual/VirtualChargersScreen';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { VirtualChargerView } from '../../src/shared/api/virtual-chargers';
import { fakeClient, withBench } from './fake-client';
import { aVirtualCharger, aVirtualConnector } from './virtual-fixtures';

const ts = '2026-11-21T10:00:00.000Z';
const withSession = (idTag: string, startedAt = ts) =>
  aVirtualCharger('VCP1', { connectors: [aVirtualConnector(1, { plugged: true, status: 'Charging', transaction: { transactionId: 42, idTag, startedAt, energyWh: 0 } })] });

function showing(view: VirtualChargerView) {
  useBench.setState({ ...initialBenchState, loaded: true, link: 'open', virtualChargers: { [view.id]: view } }, true);
  const client = fakeClient({ 'virtualChargers:act': () => ({ result: { accepted: true, status: 'Accepted', message: 'Transaction on connector 1 stopped by card TAG042' }, charger: view }) });
  render(withBench(client, <VirtualChargersScreen />, '/virtual'));
  return { client, panel: within(screen.getByRole('region', { name: 'Connector 1' })) };
}

const field = (panel: ReturnType<typeof within>) => panel.getByLabelText('Card idTag for connector 1') as HTMLInputElement;
/** The field's helper text, as a screen reader hears it with the field. */
const hint = (panel: ReturnType<typeof within>) => document.getElementById(field(panel).getAttribute('aria-describedby') ?? '')?.textContent;

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

describe('the card field while a session runs', () => {
  it("holds the session's card and names it: presenting it stops the session", async () => {
    const { panel, client } = showing(withSession('TAG042'));
    expect(field(panel).value).toBe('TAG042');
    expect(hint(panel)).toBe("The session's card (TAG042) stops it");
    await userEvent.setup({ delay: null }).click(panel.getByRole('button', { name: 'Present card on connector 1' }));
    expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'present-id-tag', body: { connectorId: 1, idTag: 'TAG042' } }]);
  });

  it('says what another card does: it stops the session only if authorized with the same parent idTag', async () => {
    const { panel } = showing(withSession('TAG042'));
    const user = userEvent.setup({ delay: null });
    await user.clear(field(panel));
    await user.paste('TAG001');
    expect(hint(panel)).toBe("Not the session's card (TAG042): TAG001 stops the session only if authorized with the same parent idTag as TAG042; otherwise it is refused");
    expect(panel.queryByText(/Its own card stops the session/)).toBeNull();
  });

  it('takes the card of a session that starts (a remote start, another face), and no hint without a session', async () => {
    const { panel } = showing(aVirtualCharger('VCP1'));
    const user = userEvent.setup({ delay: null });
    await user.clear(field(panel));
    await user.paste('TAG001');
    expect(field(panel).getAttribute('aria-describedby')).toBeNull();
    act(() => useBench.setState({ virtualChargers: { VCP1: withSession('REMOTE7', '2026-11-21T10:05:00.000Z') } }));
    expect(field(panel).value).toBe('REMOTE7');
    expect(hint(panel)).toBe("The session's card (REMOTE7) stops it");
  });
});
