// @vitest-environment jsdom
// The Connect screen lists the newest connection attempts only: when the bench holds more, it says the list
// is the newest 200, never passing a part for the whole.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { connectBenchEachTest, strictSettings } from './connect-fixtures';
import { ConnectScreen } from '../../src/renderer/src/features/connect/ConnectScreen';
import type { ConnectionAttemptView } from '../../src/shared/api/views';

/** `n` attempts as the bench keeps them, newest first; the bench answers the newest `limit` of them. */
function bench(n: number) {
  const all: ConnectionAttemptView[] = Array.from({ length: n }, (_, i) => ({
    id: n - i,
    ts: new Date(Date.now() - i * 1000).toISOString(),
    chargerId: `CP-${n - i}`,
    remoteAddress: '::ffff:192.168.1.77',
    outcome: 'accepted',
    reason: null,
  }));
  return fakeClient({
    'network:addresses': () => [],
    'settings:get': () => strictSettings,
    'connectionAttempts:list': (q) => all.slice(0, q.limit ?? 100),
  });
}

const rows = () => within(screen.getByRole('table', { name: 'Connection attempts' })).getAllByRole('row').length - 1;

connectBenchEachTest();

describe('Connect screen: the newest attempts', () => {
  it('says the list is only the newest 200 when the bench holds more', async () => {
    render(withBench(bench(250), <ConnectScreen />));
    expect(await screen.findByText('CP-250')).toBeTruthy();
    expect(rows()).toBe(200);
    expect(screen.queryByText('CP-50')).toBeNull();
    expect(screen.getByTestId('attempts-newest-only').textContent).toMatch(/^Only the newest 200 connection attempts are listed; older ones are left out/);
    // A filter that matches none of them says it looked among the newest 200 only.
    await userEvent.click(screen.getByLabelText('Refusals only'));
    expect(screen.getByText('No attempt among the newest 200 matches these filters.')).toBeTruthy();
  });

  it('says nothing of the kind when the list is every attempt', async () => {
    render(withBench(bench(3), <ConnectScreen />));
    expect(await screen.findByText('CP-3')).toBeTruthy();
    expect(rows()).toBe(3);
    expect(screen.queryByTestId('attempts-newest-only')).toBeNull();
    await userEvent.click(screen.getByLabelText('Refusals only'));
    expect(screen.getByText('No attempt matches these filters.')).toBeTruthy();
  });
});
