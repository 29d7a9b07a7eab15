// @vitest-environment jsdom
// A charger retrying a wrong password every second: the bench records its identical refusals in a row as
// one line (test/integration/connection-attempts-grouped.test.ts), which the Connect screen shows as one
// row, "Refused 50×" with the first and the newest time, updated as more come; the Chargers list counts them all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { fakeClient, withBench } from './fake-client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ConnectScreen } from '../../src/renderer/src/features/connect/ConnectScreen';
import { formatClock } from '../../src/renderer/src/components/format';
import { refusalsOf } from '../../src/renderer/src/components/refusals';
import type { ConnectionAttemptView } from '../../src/shared/api/views';

const wrongPassword = "Wrong password: the charger's AuthorizationKey does not match the password set for CP-7 on this bench (security profile 1)";
const unknown = 'Unknown charger: CP-8 is not registered on this bench, and unknown chargers are refused.';
const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

/** What the bench answers after 50 identical refusals of CP-7 and one of CP-8: two lines. */
const lines = (count: number, last: string): ConnectionAttemptView[] => [
  { id: 52, ts: at(1), chargerId: 'CP-8', remoteAddress: '::ffff:192.168.1.78', outcome: 'refused', reason: unknown, count: 1, firstTs: at(1) },
  { id: 51, ts: last, chargerId: 'CP-7', remoteAddress: '::ffff:192.168.1.77', outcome: 'refused', reason: wrongPassword, count, firstTs: at(60) },
];

let attempts: ConnectionAttemptView[];
beforeEach(() => {
  attempts = lines(50, at(10));
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true }, true);
});
afterEach(cleanup);

describe('identical refusals in a row', () => {
  it('show as one row with the count, the HTTP status, the first and the newest time, updated as they come', async () => {
    const client = fakeClient({ 'network:addresses': () => [], 'settings:get': () => null as never, 'connectionAttempts:list': () => attempts });
    render(withBench(client, <ConnectScreen />));
    const table = await screen.findByRole('table', { name: 'Connection attempts' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const repeated = rows[1];
    expect(within(repeated).getByText('Refused 50×')).toBeTruthy();
    expect(within(repeated).getByText('HTTP 401')).toBeTruthy();
    expect(within(repeated).getByText(`first ${formatClock(attempts[1].firstTs!)}`)).toBeTruthy();
    expect(within(repeated).getByText(`last ${formatClock(attempts[1].ts)}`)).toBeTruthy();
    expect(within(repeated).getByText(wrongPassword)).toBeTruthy();
    // A single refusal reads as before: no count, its one time.
    expect(within(rows[0]).getByText('Refused')).toBeTruthy();
    expect(within(rows[0]).getByText('HTTP 403')).toBeTruthy();
    expect(within(rows[0]).queryByText(/^first /)).toBeNull();

    // One more refusal: the same row counts it, with its time.
    const newest = at(0);
    attempts = lines(51, newest);
    act(() => useBench.setState((s) => ({ connectionsVersion: s.connectionsVersion + 1 })));
    await waitFor(() => expect(within(table).getByText('Refused 51×')).toBeTruthy());
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText(`last ${formatClock(newest)}`)).toBeTruthy();
  });

  it('count every refusal on the Chargers list, since the first of the line', () => {
    expect(refusalsOf(attempts)['CP-7']).toMatchObject({ count: 50, since: attempts[1].firstTs, last: attempts[1].ts, status: 401, short: 'wrong password' });
  });
});
