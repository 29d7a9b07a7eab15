// @vitest-environment jsdom
// A test run, live: the current step, frames as they pass and verdicts as they land, Stop asked first; the
// operator's request as a dialog answered with Done (or the run stopped from it), kept true across a lost
// link and when opened mid-run.
import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useBench } from '../../src/renderer/src/stores/bench';
import { OperatorPrompts } from '../../src/renderer/src/features/test-runs/OperatorPrompts';
import type { OperatorPrompt, RunResult } from '../../src/shared/api/test-runs';
import type { BenchEvent } from '../../src/shared/api/views';
import { fakeClient, withBench } from './fake-client';
import { cases, listItem, passed, run, screens, summary, ts, twoChargersEachTest } from './test-runs-fixtures';

twoChargersEachTest();

describe('a run, live', () => {
  it('shows the current step and the frames as they pass, the verdicts as they land, and stops only when confirmed', async () => {
    const user = userEvent.setup();
    const running = run({ state: 'running', cases: [], summary: summary(), finishedAt: null });
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => running, 'tests:stop': () => null });
    render(withBench(client, screens, '/test-runs/run-1'));
    const list = await screen.findByRole('list', { name: 'Cases of the run' });
    expect(within(list).getByRole('button', { name: 'TC_003_CS: running' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'TC_017_1_CS: waiting' })).toBeTruthy();

    const changed = (step: string | null, caseId = 'TC_003_CS', state: RunResult['state'] = 'running', s = summary()): BenchEvent => ({
      type: 'testRunChanged',
      run: { ...listItem(running), state, summary: s, caseId, step },
      ts,
    });
    act(() =>
      client.emit([
        changed('Step 1: Operator plugs the cable into connector 1'),
        {
          type: 'frameLogged',
          message: {
            ts,
            chargerId: 'VCP1',
            direction: 'in',
            kind: 'CALL',
            messageId: 'sn-1',
            action: 'StatusNotification',
            raw: '[2,"sn-1","StatusNotification",{"status":"Preparing"}]',
            error: null,
          },
        },
        { type: 'frameLogged', message: { ts, chargerId: 'OTHER', direction: 'in', kind: 'CALL', messageId: 'x', action: 'Heartbeat', raw: '[2,"x","Heartbeat",{}]', error: null } },
      ]),
    );
    expect(screen.getByLabelText('Current step').textContent).toBe('Step 1: Operator plugs the cable into connector 1');
    const frames = screen.getByRole('table', { name: 'Frames of TC_003_CS so far' });
    expect(within(frames).getAllByRole('row')).toHaveLength(2);
    expect(frames.textContent).toContain('StatusNotification');
    expect(frames.textContent).toContain('"status":"Preparing"');

    act(() =>
      client.emit([
        { type: 'testCaseFinished', runId: 'run-1', result: passed('TC_003_CS', 'Regular Charging Session - Plugin First'), ts },
        changed('Step 1: Bench sends UnlockConnector (connector 1)', 'TC_017_1_CS', 'running', summary({ pass: 1 })),
      ]),
    );
    expect(within(list).getByRole('button', { name: 'TC_003_CS: pass' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'TC_017_1_CS: running' })).toBeTruthy();
    expect(screen.getByText('1 of 2 cases done')).toBeTruthy();
    expect(screen.getByText('No frame yet in this case.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Stop run…' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Stop the run on VCP1?' })).getByRole('button', { name: 'Keep running' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('tests:stop')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Stop run…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Stop the run' }));
    await waitFor(() => expect(client.callsOf('tests:stop')).toEqual([{ runId: 'run-1' }]));
    // Until the run has put the charger back, it says so, and Stop is not offered again.
    const stopping = await screen.findByRole('button', { name: 'Stopping: putting the charger back…' });
    expect((stopping as HTMLButtonElement).disabled).toBe(true);
  });

  it("stops the whole run from the operator's request, asked once more (the request covers the run's own Stop)", async () => {
    const user = userEvent.setup();
    const prompt: OperatorPrompt = { caseId: 'TC_003_CS', step: 1, action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable into connector 1, then press Done.', timeoutS: 300 };
    const real = run({ id: 'run-6', chargerId: 'CP001', virtual: false, state: 'running', cases: [], finishedAt: null });
    const client = fakeClient({ 'tests:list': () => [listItem(real)], 'tests:prompt': () => prompt, 'tests:answer': () => null, 'tests:stop': () => null });
    render(withBench(client, <OperatorPrompts />));
    const dialog = within(await screen.findByRole('dialog', { name: /Action needed at CP001/ }));
    await user.click(dialog.getByRole('button', { name: 'Stop the run…' }));
    const ask = within(dialog.getByRole('alertdialog', { name: 'Stop the run?' }));
    expect(ask.getByText(/the case in progress ends \(inconclusive\)/)).toBeTruthy();
    await user.click(ask.getByRole('button', { name: 'Keep running' }));
    expect(dialog.queryByRole('alertdialog')).toBeNull();
    expect(client.callsOf('tests:stop')).toEqual([]);
    await user.click(dialog.getByRole('button', { name: 'Stop the run…' }));
    await user.click(within(dialog.getByRole('alertdialog')).getByRole('button', { name: 'Stop the run' }));
    await waitFor(() => expect(client.callsOf('tests:stop')).toEqual([{ runId: 'run-6' }]));
    expect(client.callsOf('tests:answer')).toEqual([]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("puts the operator's request in a large dialog with the connector, idTag and a countdown, and sends the answer", async () => {
    const user = userEvent.setup();
    const prompt: OperatorPrompt = {
      caseId: 'TC_003_CS',
      step: 2,
      action: { kind: 'presentIdTag', connectorId: 2, idTag: 'OCTT-VALID' },
      text: 'Present idTag OCTT-VALID at connector 2, then press Done.',
      timeoutS: 300,
    };
    const real = run({ id: 'run-5', chargerId: 'CP001', virtual: false, state: 'running', cases: [], finishedAt: null });
    const client = fakeClient({ 'tests:list': () => [listItem(real)], 'tests:prompt': () => null, 'tests:answer': () => null });
    render(withBench(client, <OperatorPrompts />));
    await waitFor(() => expect(client.callsOf('tests:prompt')).toEqual([{ runId: 'run-5' }]));
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => client.emit([{ type: 'testPrompt', runId: 'run-5', prompt, ts }]));
    const dialog = screen.getByRole('dialog', { name: /Action needed at CP001/ });
    expect(within(dialog).getByText(prompt.text)).toBeTruthy();
    expect(within(dialog).getByLabelText('Connector').textContent).toBe('2');
    expect(within(dialog).getByLabelText('idTag').textContent).toBe('OCTT-VALID');
    expect(within(dialog).getByRole('timer').textContent).toMatch(/^5:00 left|^4:5\d left/);
    expect(within(dialog).getByText('Test case TC_003_CS, step 2')).toBeTruthy();

    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('tests:answer')).toEqual([{ runId: 'run-5', answer: 'done' }]);
  });

  it('after the link to the bench was lost, shows what the run asks now, and nothing can be answered meanwhile', async () => {
    const asked: OperatorPrompt = { caseId: 'TC_003_CS', step: 2, action: { kind: 'plug', connectorId: 1 }, text: 'Plug in at connector 1, then press Done.', timeoutS: 300 };
    const later: OperatorPrompt = { caseId: 'TC_003_CS', step: 4, action: { kind: 'unplug', connectorId: 1 }, text: 'Unplug at connector 1, then press Done.', timeoutS: 300 };
    let waitsOn: OperatorPrompt | null = asked;
    const real = run({ id: 'run-7', chargerId: 'CP001', virtual: false, state: 'running', cases: [], finishedAt: null });
    const client = fakeClient({ 'tests:list': () => [listItem(real)], 'tests:prompt': () => waitsOn, 'tests:answer': () => null });
    render(withBench(client, <OperatorPrompts />));
    const dialog = await screen.findByRole('dialog', { name: /Action needed at CP001/ });
    act(() => useBench.setState({ link: 'closed' }));
    expect(within(dialog).getByText(/The link to the bench is lost/)).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Done' }) as HTMLButtonElement).disabled).toBe(true);
    // Meanwhile the first request was answered at the charger and the run asks the next (the events are missed).
    waitsOn = later;
    act(() => useBench.setState({ link: 'open' }));
    // What became of the first is said first (in its place, so no click aimed at it lands on the next).
    const closed = await screen.findByRole('dialog', { name: /^A request was closed while the link was lost/ });
    expect(within(closed).getByText(/^TC_003_CS step 2 \(Plug in at connector 1\) was closed while the link to the bench was lost, without an answer from this window/)).toBeTruthy();
    expect(screen.queryByText(later.text)).toBeNull();
    await userEvent.setup().click(within(closed).getByRole('button', { name: 'Understood: show what is asked now' }));
    expect(await screen.findByText(later.text)).toBeTruthy();
    expect(screen.queryByText(asked.text)).toBeNull();
    // A new request in the same place: its buttons work after a moment.
    await waitFor(() => expect((screen.getByRole('button', { name: 'Done' }) as HTMLButtonElement).disabled).toBe(false), { timeout: 3000 });
  });

  it('opened mid-run, shows the request the run already waits on; a countdown runs down', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const prompt: OperatorPrompt = { caseId: 'TC_010_CS', step: 1, action: { kind: 'powerCycle' }, text: 'Switch the charger off and on again, then press Done.', timeoutS: 60 };
      const real = run({ id: 'run-6', chargerId: 'CP001', virtual: false, state: 'running', cases: [], finishedAt: null });
      const client = fakeClient({ 'tests:list': () => [listItem(real)], 'tests:prompt': () => prompt, 'tests:answer': () => null });
      render(withBench(client, <OperatorPrompts />));
      const dialog = await screen.findByRole('dialog', { name: /Action needed at CP001/ });
      expect(within(dialog).queryByLabelText('Connector')).toBeNull();
      act(() => void vi.advanceTimersByTime(45_000));
      expect(within(dialog).getByRole('timer').textContent).toMatch(/^0:1\d left/);
    } finally {
      vi.useRealTimers();
    }
  });
});
