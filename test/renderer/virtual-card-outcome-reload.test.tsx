// @vitest-environment jsdom
// A card presented on a virtual charger's connector panel: its outcome is still shown after the page is
// reloaded (the charger keeps it: cardOutcome in its view), with which card and when, as it was before the
// reload; closed, it stays closed after a reload; a newer presentation shows afresh.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtualChargersScreen } from '../../src/renderer/src/features/virtual/VirtualChargersScreen';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { formatWhen } from '../../src/renderer/src/components/format';
import type { VirtualCardOutcomeView, VirtualChargerView } from '../../src/shared/api/virtual-chargers';
import { fakeClient, withBench, type Handlers } from './fake-client';
import { aVirtualCharger, aVirtualConnector } from './virtual-fixtures';

const presentedAt = new Date(Date.now() - 120_000).toISOString();
const message = 'Transaction 42 started on connector 1';
const outcome: VirtualCardOutcomeView = { idTag: 'TAG042', accepted: true, status: 'Accepted', confirmed: true, transactionId: 42, message, presentedAt, at: presentedAt, revised: false };

const charging = (cardOutcome: VirtualCardOutcomeView | null) =>
  aVirtualCharger('VCP1', {
    connectors: [aVirtualConnector(1, { plugged: true, status: 'Charging', transaction: { transactionId: 42, idTag: 'TAG042', startedAt: presentedAt, energyWh: 0 }, cardOutcome })],
  });

/** The screen as a freshly loaded page shows it: the store filled from the bench, the panels' own state new. */
function load(view: VirtualChargerView, handlers: Handlers = {}) {
  cleanup();
  useBench.setState({ ...initialBenchState, loaded: true, link: 'open', virtualChargers: { [view.id]: view } }, true);
  const client = fakeClient(handlers);
  render(withBench(client, <VirtualChargersScreen />, '/virtual'));
  return { client, panel: within(screen.getByRole('region', { name: 'Connector 1' })) };
}

async function present(panel: ReturnType<typeof within>, idTag: string) {
  const user = userEvent.setup({ delay: null });
  const field = panel.getByLabelText('Card idTag for connector 1');
  await user.clear(field);
  await user.paste(idTag);
  await user.keyboard('{Enter}');
}

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

describe("a presented card's outcome after a reload of the page", () => {
  it('is shown after the reload as before it, with the card and when it was presented', async () => {
    const before = charging(outcome);
    const { panel } = load(aVirtualCharger('VCP1'), {
      'virtualChargers:act': () => ({ result: { accepted: true, status: 'Accepted', confirmed: true, transactionId: 42, message }, charger: before }),
    });
    await present(panel, 'TAG042');
    const shown = await panel.findByText(message);
    expect(shown.closest('[role="status"]')).toBeTruthy();
    const when = `Card TAG042 presented at ${formatWhen(presentedAt)}`;
    expect(panel.getByText(when)).toBeTruthy();
    const alertBefore = shown.closest('[role="status"]')!.textContent;

    // Reloaded: the panel's own state is gone; the bench's view still carries the kept outcome.
    const reloaded = load(before).panel;
    const again = reloaded.getByText(message);
    expect(again.closest('[role="status"]')!.textContent).toBe(alertBefore);
    expect(reloaded.getByText(when)).toBeTruthy();
  });

  it('a later answer to a card said unconfirmed is shown after the reload with when it came', () => {
    const answeredAt = new Date(Date.now() - 60_000).toISOString();
    const refusal =
      'The central system refused the session on connector 1: StartTransaction answered Invalid for card TAG042 (transaction 42); the charger ended the session (StopTransaction, reason DeAuthorized)';
    const refused = { ...outcome, accepted: false, status: 'Invalid', message: refusal, at: answeredAt, revised: true };
    const { panel } = load(aVirtualCharger('VCP1', { connectors: [aVirtualConnector(1, { cardOutcome: refused })] }));
    const shown = panel.getByText(`${refusal}. Answered at ${formatWhen(answeredAt)} (unconfirmed when the card was presented at ${formatWhen(presentedAt)}).`);
    expect(shown.closest('[role="alert"]')).toBeTruthy();
  });

  it('closed, or followed by another action on the connector, it stays gone after a reload; a newer card shows', async () => {
    const view = charging(outcome);
    let panel = load(view, { 'virtualChargers:act': () => ({ charger: view }) }).panel;
    expect(panel.getByText(message)).toBeTruthy();
    await userEvent.setup({ delay: null }).click(panel.getByRole('button', { name: 'Close' }));
    expect(panel.queryByText(message)).toBeNull();
    expect(load(view).panel.queryByText(message)).toBeNull();

    // Another presentation since (here through the API): its outcome shows, until the EV is suspended here.
    const later = { ...outcome, message: 'Transaction 43 started on connector 1', transactionId: 43, presentedAt: new Date().toISOString(), at: new Date().toISOString() };
    const newer = charging(later);
    panel = load(newer, { 'virtualChargers:act': () => ({ charger: newer }) }).panel;
    expect(panel.getByText('Transaction 43 started on connector 1')).toBeTruthy();
    await userEvent.setup({ delay: null }).click(panel.getByRole('button', { name: 'Suspend EV on connector 1' }));
    expect(panel.queryByText('Transaction 43 started on connector 1')).toBeNull();
    expect(load(newer).panel.queryByText('Transaction 43 started on connector 1')).toBeNull();
  });
});
