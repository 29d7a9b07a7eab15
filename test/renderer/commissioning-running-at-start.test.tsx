// @vitest-environment jsdom
// The Checks step before a commissioning starts on a charger where someone is charging: it names the session
// (connector, idTag, since when) and says the checks end it before their first step; a virtual charger with a
// session running is asked about first, as a real one; the record's sessions the checks ended are listed after.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useBench } from '../../src/renderer/src/stores/bench';
import { setDraft } from '../../src/renderer/src/features/commissioning/draft';
import { formatTime, formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient } from './fake-client';
import { aTransaction, minutesAgo } from './builders';
import { charger, open, template, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const since = minutesAgo(12);
/** CP001 heard from just now (the fixture's is silent past its heartbeat: what runs there is then the last known). */
const heard = () => ({ ...charger('CP001'), lastSeen: new Date().toISOString() });
const tx = () => ({ 7: aTransaction(7, 'CP001', 1, 'CUSTOMER-7', { startTime: since }) });
const client = () =>
  fakeClient({
    'tests:list': () => [],
    'commissioning:list': () => [],
    'transactions:recentMeterValues': () => [],
    'commissioning:create': () => view({ state: 'ready' }),
    'commissioning:run': () => new Promise<null>(() => undefined),
  });

describe('the Checks step before a commissioning starts, with a session running on the charger', () => {
  it('names the session (connector, idTag, since when) and says the checks will end it', async () => {
    useBench.setState({ chargers: { CP001: heard() }, activeTransactions: tx() });
    setDraft({ job: view().job, chargerId: 'CP001', template });
    open(client(), '/commissioning/new?step=checks');
    const section = await screen.findByRole('region', { name: 'Sessions the checks will end' });
    expect(within(section).getByText('Running right now')).toBeTruthy();
    expect(within(section).getByText('CUSTOMER-7')).toBeTruthy();
    expect(section.textContent).toContain(
      `The checks end this session (transaction 7 on connector 1, idTag CUSTOMER-7, charging since ${formatWhen(since)}) with RemoteStopTransaction before their first step: tell whoever is charging first.`,
    );
  });

  it('says it as the last known while the charger is not heard from', async () => {
    useBench.setState({ chargers: { CP001: charger('CP001') }, activeTransactions: tx() });
    setDraft({ job: view().job, chargerId: 'CP001', template });
    open(client(), '/commissioning/new?step=checks');
    const section = await screen.findByRole('region', { name: 'Sessions the checks will end' });
    expect(within(section).getByText(/^Running as last known \(CP001 has sent nothing since/)).toBeTruthy();
    expect(section.textContent).toMatch(
      /As last known \(CP001 has sent nothing since .+; heartbeat overdue\)\), a session was running there: if it still runs when the checks start, they end this session \(transaction 7 on connector 1, idTag CUSTOMER-7, charging since .+\) with RemoteStopTransaction before their first step/,
    );
  });

  it('says nothing of sessions while none runs there', async () => {
    setDraft({ job: view().job, chargerId: 'CP001', template });
    open(client(), '/commissioning/new?step=checks');
    await screen.findByRole('button', { name: 'Start the checks on CP001' });
    expect(screen.queryByRole('region', { name: 'Sessions the checks will end' })).toBeNull();
  });

  it('asks first on a virtual charger with a session running, naming it and that it is ended', async () => {
    const user = userEvent.setup();
    useBench.setState({ chargers: { CP001: { ...heard(), virtual: true } }, activeTransactions: tx() });
    setDraft({ job: view().job, chargerId: 'CP001', template });
    const c = client();
    open(c, '/commissioning/new?step=checks');
    await user.click(await screen.findByRole('button', { name: 'Start the checks on CP001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Commission CP001?' });
    expect(within(dialog).getByText('CUSTOMER-7')).toBeTruthy();
    expect(dialog.textContent).toContain('Before the first step, the bench ends the session the record holds open there (RemoteStopTransaction): transaction 7 on connector 1 (idTag CUSTOMER-7).');
    expect(c.callsOf('commissioning:create')).toHaveLength(0);
  });
});

describe('a commissioning whose run ended a session at its start', () => {
  it('lists it on the Checks step with its transaction, connector, idTag and times', async () => {
    const ended = { transactionId: 7, connectorId: 1, idTag: 'CUSTOMER-7', startedAt: since, endedAt: minutesAgo(2) };
    open(fakeClient({ 'commissioning:get': () => view({ sessionsEnded: [ended] }), 'tests:list': () => [] }), '/commissioning/c1?step=checks');
    const note = await screen.findByRole('alert', { name: 'Sessions the checks ended' });
    await waitFor(() => expect(note.textContent).toContain(`transaction 7 on connector 1 (idTag CUSTOMER-7), charging since ${formatTime(since)}, ended at ${formatTime(ended.endedAt)}`));
  });
});
