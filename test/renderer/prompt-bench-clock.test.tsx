// @vitest-environment jsdom
// The operator's countdown runs on the bench's clock, not on this browser's: in serve mode the page may be
// on another machine whose clock is minutes off the bench's. The bench says its time with each request
// (`now`), and the seconds left are the same as on the bench, for a conformance run's request and a
// commissioning's, read on opening the page or pushed as an event.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperatorPrompts } from '../../src/renderer/src/features/test-runs/OperatorPrompts';
import { CommissioningPrompts } from '../../src/renderer/src/features/commissioning/CommissioningPrompts';
import type { OperatorPrompt, RunListItem } from '../../src/shared/api/test-runs';
import { aCharger, fakeClient, withBench } from './fake-client';

const TEN_MINUTES = 10 * 60_000;

const running: RunListItem = {
  id: 'run-5',
  chargerId: 'CP001',
  startedAt: '2025-01-01T10:00:00Z',
  finishedAt: null,
  state: 'running',
  summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
};

/** A request of 60 s asked `agoS` seconds ago, as a bench whose clock is `benchAheadMs` ahead of this one sends it. */
function asked(agoS: number, benchAheadMs: number): OperatorPrompt {
  const benchNow = Date.now() + benchAheadMs;
  return {
    caseId: 'TC_003_CS',
    step: 1,
    action: { kind: 'plug', connectorId: 1 },
    text: 'Plug the EV cable into connector 1, then press Done.',
    timeoutS: 60,
    issuedAt: new Date(benchNow - agoS * 1000).toISOString(),
    deadline: new Date(benchNow - agoS * 1000 + 60_000).toISOString(),
    now: new Date(benchNow).toISOString(),
  };
}

const timer = () => screen.findByRole('timer', { name: 'Time left to answer' });

beforeEach(() => {
  // This browser's clock stands still, so the seconds left read exactly (timers run as they do).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-01T12:00:00.000Z'));
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001') } });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  useBench.setState(initialBenchState);
});

describe("the operator's countdown with the bench's clock 10 minutes ahead of this browser's", () => {
  it('a page opened mid-request counts down the seconds really left (not ten minutes more)', async () => {
    const client = fakeClient({ 'tests:list': () => [running], 'tests:prompt': () => asked(40, TEN_MINUTES) });
    render(withBench(client, <OperatorPrompts />));
    expect((await timer()).textContent).toMatch(/^0:20 left/);
  });

  it('a request pushed as it is asked counts down from its full time', async () => {
    const client = fakeClient({ 'tests:list': () => [running], 'tests:prompt': () => null });
    render(withBench(client, <OperatorPrompts />));
    // The runs' requests read on opening (none yet), then the bench asks.
    await waitFor(() => expect(client.callsOf('tests:prompt')).toHaveLength(1));
    await act(async () => undefined);
    await act(async () => client.emit([{ type: 'testPrompt', runId: 'run-5', prompt: asked(0, TEN_MINUTES), ts: new Date().toISOString() }]));
    expect((await timer()).textContent).toMatch(/^1:00 left/);
  });
});

describe("the operator's countdown with the bench's clock 10 minutes behind this browser's", () => {
  it("a commissioning's request is not up at once: it counts down the seconds really left", async () => {
    const client = fakeClient({
      'commissioning:list': () => [{ id: 'c1', chargerId: 'CP001', site: 'Depot Nord', location: 'Bay 6', state: 'running', verdict: 'incomplete', createdAt: '', updatedAt: '' }],
      'commissioning:prompt': () => asked(15, -TEN_MINUTES),
    });
    render(withBench(client, <CommissioningPrompts />));
    const left = await timer();
    expect(left.textContent).toMatch(/^0:45 left/);
    expect(left.textContent).not.toMatch(/Time is up/);
  });
});

describe('a bench that does not say its time', () => {
  it('counts to its deadline on this clock, as before', async () => {
    const { now: _now, ...old } = asked(40, 0);
    const client = fakeClient({ 'tests:list': () => [running], 'tests:prompt': () => old });
    render(withBench(client, <OperatorPrompts />));
    expect((await timer()).textContent).toMatch(/^0:20 left/);
  });
});

describe("the charger offline under a request, with this browser's clock 10 minutes ahead of the bench's", () => {
  it("says when it was last seen on the bench's clock (under a minute ago, not 10 min ago)", async () => {
    const benchNow = Date.now() - TEN_MINUTES;
    const lastSeen = new Date(benchNow - 5_000).toISOString();
    useBench.setState({ clockSkewMs: TEN_MINUTES, chargers: { CP001: aCharger('CP001', { connected: false, lastSeen }) } });
    const client = fakeClient({ 'tests:list': () => [running], 'tests:prompt': () => asked(0, -TEN_MINUTES) });
    render(withBench(client, <OperatorPrompts />));
    expect((await screen.findByTestId('charger-offline-notice')).textContent).toContain('under a minute ago): it cannot do this until it reconnects.');
  });
});
