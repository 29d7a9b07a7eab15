// @vitest-environment jsdom
// A late click must not answer the next operator request. TC_001_CS asks to power-cycle the charger; nobody
// answers within its 30 s; the run asks the next request (TC_003_CS step 1, plug in). A click in the dialog
// right after, aimed at the request that went away, must not answer the new one: the dialog first says that
// nobody answered in time (and when the step ended), the new request is shown only once that is read, and
// then with its buttons inert for a moment. An answer names the request it was aimed at, so the bench can
// refuse a late one; refused, the dialog says the answer came too late.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperatorPrompts } from '../../src/renderer/src/features/test-runs/OperatorPrompts';
import { INERT_MS } from '../../src/renderer/src/components/PromptQueue';
import { CallFailure } from '../../src/renderer/src/api/client';
import { formatClock } from '../../src/shared/format/time';
import type { OperatorPrompt, RunListItem } from '../../src/shared/api/test-runs';
import { aCharger, fakeClient, withBench } from './fake-client';
import { plugPrompt, powerCyclePrompt } from '../helpers/operator-prompts';

const T0 = Date.parse('2025-03-01T10:01:43.000Z');

const running: RunListItem = {
  id: 'run-9',
  chargerId: 'CP001',
  startedAt: '2025-03-01T10:00:00Z',
  finishedAt: null,
  state: 'running',
  summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
};

const iso = (ms: number) => new Date(ms).toISOString();

/** TC_001_CS step 2, asked at T0 with 30 s to answer. */
const powerCycle: OperatorPrompt = { ...powerCyclePrompt(T0), now: iso(T0) };

/** TC_003_CS step 1, asked right after TC_001_CS gave up. */
const plug: OperatorPrompt = { ...plugPrompt(T0 + 30_200), now: iso(T0 + 30_200) };

const ts = iso(T0);
const done = () => screen.queryByRole('button', { name: 'Done' }) as HTMLButtonElement | null;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0);
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001') } });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  useBench.setState(initialBenchState);
});

/** The run's page open with A asked; A times out and the run asks B. */
async function aTimesOutThenB(answer: () => null | Promise<null> = () => null) {
  const client = fakeClient({ 'tests:list': () => [running], 'tests:prompt': () => powerCycle, 'tests:answer': answer });
  render(withBench(client, <OperatorPrompts />));
  await act(async () => undefined);
  expect(screen.getByText(powerCycle.text)).toBeTruthy();
  return client;
}

describe('a request nobody answered in time, then the next one', () => {
  it('says nobody answered in time, and a click right after does not answer the next request', async () => {
    const client = await aTimesOutThenB();
    // Nobody answers; the bench gives up at the deadline and asks the next request.
    vi.setSystemTime(T0 + 30_200);
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: null, ts }]));
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: plug, ts }]));

    const notice = screen.getByRole('dialog', { name: /Nobody answered in time/ });
    expect(
      within(notice).getByText(
        `Nobody answered in time: TC_001_CS step 2 (Switch the charger off at the mains, wait 10 seconds, switch it on again) ended as inconclusive at ${formatClock(T0 + 30_000)}.`,
      ),
    ).toBeTruthy();
    // The new request is not shown in its place, and nothing there answers it.
    expect(screen.queryByText(plug.text)).toBeNull();
    expect(done()).toBeNull();

    // 7 s later the operator clicks where Done was: it lands on the notice's only button.
    vi.setSystemTime(T0 + 37_000);
    fireEvent.click(within(notice).getByRole('button'));
    await act(async () => undefined);
    // Now the new request shows, as new: its buttons ignore clicks for a moment.
    expect(screen.getByText(plug.text)).toBeTruthy();
    expect(screen.getByText('Test case TC_003_CS, step 1')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/A new request: read it first/);
    fireEvent.click(done()!);
    await act(async () => undefined);
    expect(client.callsOf('tests:answer')).toEqual([]);

    // Once read, it is answered, naming the request it answers.
    act(() => vi.advanceTimersByTime(INERT_MS));
    expect(done()!.disabled).toBe(false);
    fireEvent.click(done()!);
    await act(async () => undefined);
    expect(client.callsOf('tests:answer')).toEqual([{ runId: 'run-9', answer: 'done', promptId: 'req-B' }]);
  });

  it('while the notice is up, it says which request waits behind it and counts down its time left, as its dialog then does', async () => {
    // operatorTimeoutS 15: the next request's time runs while the notice about the first one is read.
    const plug15: OperatorPrompt = { ...plug, timeoutS: 15, deadline: iso(T0 + 45_200) };
    const client = await aTimesOutThenB();
    vi.setSystemTime(T0 + 30_200);
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: null, ts }]));
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: plug15, ts }]));

    const notice = screen.getByRole('dialog', { name: /Nobody answered in time/ });
    const nextLeft = () => within(notice).getByRole('timer', { name: 'Time left to answer the next request' }).textContent;
    const asked = `The run has asked something else since (TC_003_CS step 1, asked at ${formatClock(T0 + 30_200)})`;
    expect(nextLeft()).toBe(`${asked}: 0:15 left to answer it — it is shown once you have read this.`);
    // It ticks down while the notice is read.
    act(() => vi.advanceTimersByTime(8_000));
    expect(nextLeft()).toBe(`${asked}: 0:07 left to answer it — it is shown once you have read this.`);
    act(() => vi.advanceTimersByTime(1_000));
    expect(nextLeft()).toMatch(/: 0:06 left to answer it/);

    // Read: its dialog shows the same time left.
    fireEvent.click(within(notice).getByRole('button', { name: 'Understood: show what is asked now' }));
    await act(async () => undefined);
    expect(screen.getByText(plug.text)).toBeTruthy();
    expect(screen.getByRole('timer', { name: 'Time left to answer' }).textContent).toMatch(/^0:06 left/);
  });

  it('says so when the next request runs out of time while the notice is still up', async () => {
    const client = await aTimesOutThenB();
    vi.setSystemTime(T0 + 30_200);
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: null, ts }]));
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: plug, ts }]));
    const notice = screen.getByRole('dialog', { name: /Nobody answered in time/ });
    act(() => vi.advanceTimersByTime(31_000));
    expect(within(notice).getByRole('timer', { name: 'Time left to answer the next request' }).textContent).toBe(
      `The run has asked something else since (TC_003_CS step 1, asked at ${formatClock(T0 + 30_200)}): its time to answer ran out while this was shown, and the step is being given up.`,
    );
    // The bench gives it up: the notice says that too, and nothing waits behind it any more.
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: null, ts }]));
    expect(within(notice).getByText(/Nobody answered in time: TC_003_CS step 1 \(Plug the EV cable into connector 1\) ended as inconclusive at /)).toBeTruthy();
    expect(within(notice).queryByRole('timer')).toBeNull();
    expect(within(notice).getByRole('button', { name: 'Understood' })).toBeTruthy();
  });

  it('an answer the bench refuses as too late is said with the request that timed out, and answers nothing else', async () => {
    const client = await aTimesOutThenB(() => {
      throw new CallFailure({ status: 409, message: 'This answer was for a request that is no longer open', field: 'promptId' });
    });
    // Done pressed as the time runs out: the bench had already given the step up.
    vi.setSystemTime(T0 + 30_100);
    fireEvent.click(done()!);
    await act(async () => undefined);
    expect(client.callsOf('tests:answer')).toEqual([{ runId: 'run-9', answer: 'done', promptId: 'req-A' }]);
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: null, ts }]));
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: plug, ts }]));

    const notice = screen.getByRole('dialog', { name: /Nobody answered in time/ });
    expect(within(notice).getByText(/TC_001_CS step 2 .* ended as inconclusive at .* Your “Done” reached the bench after that and was not taken\./)).toBeTruthy();
    expect(screen.queryByText(plug.text)).toBeNull();
    expect(client.callsOf('tests:answer')).toHaveLength(1);
  });

  it('a request this window answered goes away without a notice', async () => {
    const client = await aTimesOutThenB();
    fireEvent.click(done()!);
    await act(async () => undefined);
    act(() => client.emit([{ type: 'testPrompt', runId: 'run-9', prompt: null, ts }]));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.callsOf('tests:answer')).toEqual([{ runId: 'run-9', answer: 'done', promptId: 'req-A' }]);
  });
});
