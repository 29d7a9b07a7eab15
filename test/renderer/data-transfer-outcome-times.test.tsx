// @vitest-environment jsdom
// A Data transfer's outcome says, as every other panel's does, when it was asked for and when its outcome
// came (so an old answer is not taken for a new one), with the data the charger answered; "Show the answer"
// is offered only when the charger answered (not after a timeout).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { formatClock } from '../../src/renderer/src/components/format';
import type { OperationResult } from '../../src/shared/api/contract';

const at = '2026-03-04T10:20:30.000Z';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001') } });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  useBench.setState(initialBenchState, true);
});

async function send(result: OperationResult): Promise<HTMLElement> {
  const user = userEvent.setup();
  const client = fakeClient({ 'operations:list': () => [], 'chargers:operate': () => result as never });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial="DataTransfer" />));
  await user.type(screen.getByRole('textbox', { name: /Vendor id/ }), 'com.example');
  await user.click(screen.getByRole('button', { name: 'Send data' }));
  const outcome = await screen.findByText(/^Asked at /);
  return outcome.parentElement as HTMLElement;
}

describe('a Data transfer outcome', () => {
  it('says when it was asked for and answered, with the data in the answer', async () => {
    const outcome = await send({ outcome: 'completed', response: { status: 'Accepted', data: 'pong' } });
    expect(outcome.textContent).toContain(`Asked at ${formatClock(at)}; outcome at ${formatClock(at)}.`);
    expect(within(outcome).getByRole('status').textContent).toContain('DataTransfer: Accepted');
    expect(within(outcome).getByText('Data in the answer: pong', { exact: false })).toBeTruthy();
    expect(within(outcome).getByRole('button', { name: 'Show the answer' })).toBeTruthy();
  });

  it('offers no answer to show after a timeout, and still says when', async () => {
    const outcome = await send({ outcome: 'timeout', error: { description: 'No answer within 30 s' } });
    expect(outcome.textContent).toContain(`Asked at ${formatClock(at)}; outcome at ${formatClock(at)}.`);
    expect(within(outcome).getByRole('status')).toBeTruthy();
    expect(within(outcome).queryByRole('button', { name: /answer/ })).toBeNull();
  });
});
