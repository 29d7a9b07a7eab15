// @vitest-environment jsdom
// What runs on a charger (a test run, a commissioning) before a send: a confirmation cannot be confirmed
// until it is read, and the focus leaves Confirm when a warning arrives after it opened; the read is asked
// once, and a reply older than an event does not undo it; a send to several chargers names the ones busy;
// the operator's request says an offline charger is offline with the shared notice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient } from './fake-client';
import { aCharger, aCommissioning, aRun, minutesAgo } from './builders';
import type { RunListItem } from '../../src/shared/api/test-runs';
import { CallFailure } from '../../src/renderer/src/api/client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ConfirmDialog } from '../../src/renderer/src/components/ConfirmDialog';
import { PromptDialog } from '../../src/renderer/src/components/PromptDialog';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import type { BenchEvent } from '../../src/shared/api/views';

beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001'), CP002: aCharger('CP002'), CP003: aCharger('CP003') } }));
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

/** A reply the test gives when it likes. */
function later<T>() {
  let answer!: (v: T) => void;
  const promise = new Promise<T>((res) => (answer = res));
  return { promise, answer };
}

const runStarted = (id: string, chargerId: string): BenchEvent => ({ type: 'testRunChanged', run: { ...aRun(id, chargerId), caseId: 'TC_003_CS', step: null }, ts: minutesAgo(0) });

function confirm(client: FakeClient) {
  render(
    withBench(
      client,
      <ConfirmDialog
        open
        title="Reset CP001?"
        chargerId="CP001"
        target="CP001 · the whole charger"
        consequence="The charger restarts."
        confirmLabel="Reset CP001"
        onCancel={() => undefined}
        onConfirm={() => undefined}
      />,
    ),
  );
  return within(screen.getByRole('dialog'));
}

describe('a confirmation before a send to one charger', () => {
  it('cannot be confirmed until what runs there is read, and the focus moves to Cancel when a run is found', async () => {
    const runs = later<RunListItem[]>();
    const client = fakeClient({ 'tests:list': () => runs.promise, 'commissioning:list': () => [] });
    const dialog = confirm(client);
    const ok = dialog.getByRole('button', { name: 'Reset CP001' }) as HTMLButtonElement;
    expect(ok.disabled).toBe(true);
    // Not read yet: Enter sends nothing.
    await act(async () => runs.answer([aRun('run-9', 'CP001')]));
    expect(await dialog.findByText(/^A test run is running on CP001: what you send can make its current case fail/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(dialog.getByRole('button', { name: 'Cancel' })));
    expect(ok.disabled).toBe(false);
    expect(ok.className).toMatch(/colorError/);
  });

  it('can be confirmed once the read has failed (nothing more will come)', async () => {
    const client = fakeClient({
      'tests:list': () => {
        throw new CallFailure({ status: 500, message: 'down' });
      },
      'commissioning:list': () => [],
    });
    const dialog = confirm(client);
    await waitFor(() => expect((dialog.getByRole('button', { name: 'Reset CP001' }) as HTMLButtonElement).disabled).toBe(false));
  });

  it('reads what runs once as it opens', async () => {
    const client = fakeClient({ 'tests:list': () => [], 'commissioning:list': () => [] });
    const dialog = confirm(client);
    await waitFor(() => expect((dialog.getByRole('button', { name: 'Reset CP001' }) as HTMLButtonElement).disabled).toBe(false));
    expect(client.callsOf('tests:list')).toEqual([{ chargerId: 'CP001' }]);
    expect(client.callsOf('commissioning:list')).toEqual([{ chargerId: 'CP001' }]);
  });

  it('names the case the run has in progress, from the list and then as the run moves on', async () => {
    const client = fakeClient({ 'tests:list': () => [{ ...aRun('run-9', 'CP001'), caseId: 'TC_003_CS' }], 'commissioning:list': () => [] });
    const dialog = confirm(client);
    expect(await dialog.findByText('A test run is running on CP001: what you send can make its current case (TC_003_CS) fail, or leave the charger other than the case expects.')).toBeTruthy();
    act(() => client.emit([{ type: 'testRunChanged', run: { ...aRun('run-9', 'CP001'), caseId: 'TC_010_CS', step: null }, ts: minutesAgo(0) }]));
    expect(dialog.getByText(/current case \(TC_010_CS\) fail/)).toBeTruthy();
  });

  it('does not let a list asked before a run started hide that run', async () => {
    const runs = later<RunListItem[]>();
    const client = fakeClient({ 'tests:list': () => runs.promise, 'commissioning:list': () => [] });
    const dialog = confirm(client);
    await waitFor(() => expect(client.callsOf('commissioning:list').length).toBeGreaterThan(0));
    act(() => client.emit([runStarted('run-9', 'CP001')]));
    expect(dialog.getByText(/^A test run is running on CP001/)).toBeTruthy();
    // The list, asked before the run started, answers after the event: older news.
    await act(async () => runs.answer([]));
    expect(dialog.getByText(/^A test run is running on CP001/)).toBeTruthy();
    expect((dialog.getByRole('button', { name: 'Reset CP001' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('a send to several chargers', () => {
  async function review(client: FakeClient) {
    const user = userEvent.setup();
    render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002', 'CP003']} open onClose={() => undefined} />));
    await user.click(screen.getByRole('combobox', { name: 'Operation' }));
    await user.click(screen.getByRole('option', { name: 'Reset' }));
    await user.click(screen.getByRole('button', { name: 'Review…' }));
    return user;
  }

  it('names every charger a commissioning or a test run runs on, in the words of a single send', async () => {
    const client = fakeClient({
      'tests:list': () => [aRun('run-9', 'CP002'), aRun('run-1', 'CP003', 'finished'), aRun('run-5', 'CP404')],
      'commissioning:list': () => [aCommissioning('CP001')],
    });
    await review(client);
    const warning = await screen.findByRole('alert', { name: 'Checks running on these chargers' });
    expect(warning.textContent).toContain('CP001 is being commissioned (Depot Nord, Bay 4): what you send can make its current check fail, or leave the charger other than the check expects.');
    expect(warning.textContent).toContain('A test run is running on CP002: what you send can make its current case fail, or leave the charger other than the case expects.');
    expect(warning.textContent).not.toMatch(/CP003|CP404/);
    // Read once for the selection.
    expect(client.callsOf('tests:list')).toEqual([{}]);
    expect(client.callsOf('commissioning:list')).toEqual([{}]);
  });

  it('says nothing when nothing runs on them, and sends once the lists could not be read', async () => {
    const client = fakeClient({ 'chargers:operate': () => ({ outcome: 'completed', response: { status: 'Accepted' }, operationId: 1 }) as never });
    const user = await review(client);
    await user.click(screen.getByRole('button', { name: 'Soft reset 3 chargers' }));
    await screen.findByText('All 3 chargers accepted.');
    expect(screen.queryByRole('alert', { name: 'Checks running on these chargers' })).toBeNull();
  });
});

describe("the operator's request", () => {
  it('says with the shared notice that the charger asked is offline, and since when', () => {
    useBench.setState({ chargers: { CP001: aCharger('CP001', { connected: false, lastSeen: minutesAgo(10.5) }) } });
    render(
      withBench(
        fakeClient(),
        <PromptDialog
          prompt={{ caseId: 'TC_003_CS', step: 1, action: { kind: 'plug', connectorId: 1 }, text: 'Plug in.', timeoutS: 300 }}
          chargerId="CP001"
          since={Date.now()}
          onAnswer={() => undefined}
          pending={false}
          error={null}
        />,
      ),
    );
    const notice = screen.getByTestId('charger-offline-notice');
    expect(notice.textContent).toMatch(/^CP001 is offline \(last seen .+, 10 min ago\): it cannot do this until it reconnects\.$/);
    expect(notice.className).toMatch(/Error/);
  });
});
