// @vitest-environment jsdom
// Starting a test run on a charger the record holds a session open on: a built-in virtual charger asks too
// when the only one is left as it is (not running), naming it with why before the run starts; a run that
// ends sessions says so on its button and starts the focus on Cancel; one that ends none starts it on its
// button, and drops the generic "a charging session running on it is ended". The words: "answers", the case
// counts that agree. A confirmation enabled only after it opened takes the focus unless the person moved it.
// The run screen shows a session left as it is on purpose as information, apart from what was not put right.
import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useBench } from '../../src/renderer/src/stores/bench';
import { ConfirmDialog } from '../../src/renderer/src/components/ConfirmDialog';
import { runConsequences } from '../../src/shared/api/case-effects';
import type { CaseInfo, RunListItem } from '../../src/shared/api/test-runs';
import { fakeClient, withBench } from './fake-client';
import { aConnector, aTransaction, minutesAgo } from './builders';
import { cases, charger, run, screens, twoChargersEachTest } from './test-runs-fixtures';

twoChargersEachTest();

const GENERIC = 'Before the first case, a charging session running on it is ended: it may be a customer’s.';
const client = () => fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [], 'commissioning:list': () => [], 'tests:start': () => ({ runId: 'run-9' }), 'chargers:meterValues': () => [] });

/** VCP1 holds transaction 1 open on connector 1, which has reported Available since it started (no reboot): not running, left as it is by a run. */
function heldNotRunning() {
  const vcp = { ...charger('VCP1', true), lastBoot: minutesAgo(60), connectors: [aConnector(0), aConnector(1, { status: 'Available' as const, updatedAt: minutesAgo(4) })] };
  act(() =>
    useBench.setState({
      chargers: { ...useBench.getState().chargers, VCP1: vcp },
      activeTransactions: { 1: aTransaction(1, 'VCP1', 1, 'GONE', { startTime: minutesAgo(10), receivedAt: minutesAgo(10) }) },
      meter: {},
    }),
  );
}

describe('starting a run on a built-in virtual charger holding a session open that is not running', () => {
  it('asks first, naming the session the run leaves as it is with why, without the generic "a session running is ended", focus on Start', async () => {
    heldNotRunning();
    const c = client();
    const user = userEvent.setup();
    render(withBench(c, screens, '/test-runs?charger=VCP1'));
    await screen.findByText(/All cases \(4\)/);
    await user.click(screen.getByRole('button', { name: 'Start 4 cases on VCP1…' }));
    expect(c.callsOf('tests:start')).toEqual([]);
    const dialog = within(screen.getByRole('dialog', { name: 'Run 4 conformance cases on VCP1?' }));
    expect(
      dialog.getByText(
        'Transaction 1 on connector 1: left as it is: not running (connector 1 reports Available since it started; a remote stop would be refused); close it in the record. The run sends it no RemoteStopTransaction.',
      ),
    ).toBeTruthy();
    expect(dialog.getByText('Nothing is charging on VCP1 right now.')).toBeTruthy();
    expect(dialog.queryByText(GENERIC)).toBeNull();
    const start = dialog.getByRole('button', { name: 'Start the run on VCP1' });
    await waitFor(() => expect(document.activeElement).toBe(start));
    await user.click(start);
    await waitFor(() => expect(c.callsOf('tests:start')).toHaveLength(1));
  });
});

describe('starting a run that ends sessions', () => {
  it('says so on its button, with the focus on Cancel', async () => {
    act(() => useBench.setState({ activeTransactions: { 52: aTransaction(52, 'CP001', 1, 'USER-CAR'), 53: aTransaction(53, 'CP001', 2, 'OTHER-CAR') }, meter: {} }));
    const user = userEvent.setup();
    render(withBench(client(), screens, '/test-runs?charger=CP001'));
    await screen.findByText(/All cases \(4\)/);
    await user.click(screen.getByRole('button', { name: 'Start 4 cases on CP001…' }));
    const dialog = within(screen.getByRole('dialog'));
    expect(dialog.getByRole('button', { name: 'Start the run on CP001 and end 2 sessions' })).toBeTruthy();
    expect(dialog.getByText(GENERIC)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(dialog.getByRole('button', { name: 'Cancel' })));
  });
});

describe('the words of the start form', () => {
  it('a case that only reads "answers" the charger', () => {
    expect(runConsequences([{ effects: [], operator: [] }]).lines).toContain('The case itself only reads from it and answers it.');
    expect(
      runConsequences([
        { effects: [], operator: [] },
        { effects: [], operator: [] },
      ]).lines,
    ).toContain('The cases themselves only read from it and answer it.');
  });

  it('says why the count of all cases differs from the count of what the run does: the cases not supported yet are not run', async () => {
    const more: CaseInfo[] = [...cases, { id: 'TC_074_CS', title: 'Update Charge Point Password', profile: 'Core', section: '3.1', decisions: [], notSupported: 'needs TLS' }];
    const c = fakeClient({ 'tests:cases': () => more, 'tests:list': () => [] });
    render(withBench(c, screens, '/test-runs?charger=CP001'));
    expect(await screen.findByText('All cases (5), 1 of them not supported yet (reported so, not run): those that do not apply are reported Not applicable')).toBeTruthy();
    expect(within(screen.getByLabelText('What will happen')).getByText('Counted over the 4 cases the run carries out: 1 not supported yet is reported so, not run.')).toBeTruthy();
  });
});

describe('a confirmation that can be confirmed only after it opened', () => {
  it('puts the focus on its button once enabled, unless the person moved it', async () => {
    let answer!: (v: RunListItem[]) => void;
    const c = fakeClient({ 'tests:list': () => new Promise<RunListItem[]>((res) => (answer = res)), 'commissioning:list': () => [] });
    const dialog = () => (
      <ConfirmDialog open title="Reset CP001?" chargerId="CP001" target="CP001" consequence="It restarts." confirmLabel="Reset CP001" onCancel={() => undefined} onConfirm={() => undefined} />
    );
    const view = render(withBench(c, dialog()));
    const ok = within(screen.getByRole('dialog')).getByRole('button', { name: 'Reset CP001' }) as HTMLButtonElement;
    expect(ok.disabled).toBe(true);
    // As a browser leaves it (a disabled button takes no focus; jsdom lets it): on the dialog's own container.
    const container = ok.parentElement!.closest<HTMLElement>('[tabindex="-1"]')!;
    act(() => container.focus());
    expect(document.activeElement).toBe(container);
    await act(async () => answer([]));
    await waitFor(() => expect(ok.disabled).toBe(false));
    expect(document.activeElement).toBe(ok);
    view.unmount();

    // The person moved to Cancel before it was enabled: the focus stays there.
    render(withBench(c, dialog()));
    const cancel = within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' });
    act(() => cancel.focus());
    await act(async () => answer([]));
    await waitFor(() => expect((within(screen.getByRole('dialog')).getByRole('button', { name: 'Reset CP001' }) as HTMLButtonElement).disabled).toBe(false));
    expect(document.activeElement).toBe(cancel);
  });
});

describe('the run screen', () => {
  it('shows a session left as it is on purpose as information, apart from what could not be put right', async () => {
    const left =
      'transaction 7 (connector 1, idTag GONE): left as it is, not sent a RemoteStopTransaction: not running: connector 1 reported Available at 2025-01-01 10:04:00 UTC, after it started at 2025-01-01 10:00:00 UTC (the charger would refuse to stop it); close it in the record';
    const done = run({ id: 'run-5', setupProblems: [left, 'connector 2 is Finishing: the next case may fail'] });
    render(withBench(fakeClient({ 'tests:cases': () => cases, 'tests:get': () => done, 'tests:list': () => [] }), screens, '/test-runs/run-5'));
    const info = await screen.findByRole('alert', { name: 'Left as it is before the first case' });
    expect(info.textContent).toBe(
      'Left as it is before the first case (sent no RemoteStopTransaction): transaction 7 (connector 1, idTag GONE): not running: connector 1 reported Available at 2025-01-01 10:04:00 UTC, after it started at 2025-01-01 10:00:00 UTC (the charger would refuse to stop it); close it in the record.',
    );
    expect(info.className).toMatch(/Info/);
    const problems = screen.getByRole('alert', { name: 'Before the first case' });
    expect(problems.textContent).toBe('Before the first case, this could not be put right (the first cases may be affected): connector 2 is Finishing: the next case may fail.');
  });
});
