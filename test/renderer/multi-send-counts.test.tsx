// @vitest-environment jsdom
// The heading of a send to several chargers counts how each send ended: an answer by what it said (its
// action's meanings: accepted, rejected, or another status such as RebootRequired), and "All 3 chargers
// accepted." only when each accepted; a charger offline (nothing sent), one never connected, one whose
// connection dropped before an answer, a CALLERROR and a timeout are each counted as such.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench } from './fake-client';
import { aCharger, completed } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { CallFailure } from '../../src/renderer/src/api/client';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import type { OperationResult } from '../../src/shared/api/contract';

const DROPPED = 'Charger CP003 disconnected: Connection lost (1006, no close frame)';
const ends: Record<string, OperationResult | 'never seen'> = {
  CP001: completed({ status: 'Accepted' }),
  CP002: completed({ status: 'Rejected' }),
  CP003: { outcome: 'offline', sent: true, sentAt: '2025-01-01T09:08:18.000Z', error: { description: DROPPED }, operationId: 3 },
  CP004: { outcome: 'offline', error: { description: 'Charger CP004 is not connected' } },
  CP005: { outcome: 'offline', error: { description: 'Charger CP005 is not connected' } },
  CP006: { outcome: 'callError', error: { code: 'InternalError', description: 'busy', details: {} }, operationId: 6 },
  CP007: { outcome: 'timeout', error: { description: 'No answer to ChangeConfiguration within 30 s' }, operationId: 7 },
  CP008: completed({ status: 'Rejected' }),
  CP009: completed({ status: 'Rejected' }),
  CP010: completed({ status: 'Accepted' }),
  CP011: completed({ status: 'RebootRequired' }),
  NEVER: 'never seen',
};

beforeEach(() => {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: Object.fromEntries(['CP001', 'CP002', 'CP003', 'CP006', 'CP007', 'CP008', 'CP009', 'CP010', 'CP011'].map((id) => [id, aCharger(id)])),
  });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

async function send(chargerIds: string[]) {
  const client = fakeClient({
    'chargers:operate': ({ chargerId }) => {
      const end = ends[chargerId]!;
      if (end === 'never seen') throw new CallFailure({ status: 404, message: `No charger ${chargerId} has ever connected` });
      return end;
    },
  });
  render(withBench(client, <MultiSendDialog chargerIds={chargerIds} open onClose={() => undefined} />));
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: /Key/ }), 'MyKey');
  await user.type(screen.getByRole('textbox', { name: /Value/ }), 'x');
  await user.click(screen.getByRole('button', { name: /^Set MyKey on/ }));
  await screen.findAllByText(/Charger offline|Accepted|Rejected|RebootRequired|Not sent|No answer|Error from|Connection dropped/);
}

describe('the heading of a send to several chargers', () => {
  it('does not say all answered when two of three got nothing (one offline, one never connected)', async () => {
    await send(['CP001', 'CP004', 'NEVER']);
    expect(await screen.findByText('1 accepted, 1 offline (nothing sent), 1 not sent (refused by the bench).')).toBeTruthy();
    expect(screen.queryByText(/All 3 chargers/)).toBeNull();
  });

  it('counts a connection dropped before an answer apart, its outcome unknown', async () => {
    await send(['CP001', 'CP002', 'CP003', 'CP004', 'CP005']);
    expect(await screen.findByText('1 accepted, 1 rejected, 1 dropped before an answer (outcome unknown), 2 offline (nothing sent).')).toBeTruthy();
    expect(screen.queryByText(/All 5 chargers/)).toBeNull();
  });

  it('counts a CALLERROR and a timeout as such', async () => {
    await send(['CP001', 'CP006', 'CP007']);
    expect(await screen.findByText('1 accepted, 1 answered with an error (CALLERROR), 1 did not answer in time (outcome unknown).')).toBeTruthy();
  });

  it('does not say all answered (or accepted) when every charger answered Rejected', async () => {
    await send(['CP002', 'CP008', 'CP009']);
    expect(await screen.findByText('3 rejected.')).toBeTruthy();
    expect(screen.queryByText(/All 3 chargers/)).toBeNull();
  });

  it('splits the answers by what they said: accepted, rejected, another status', async () => {
    await send(['CP001', 'CP002', 'CP010', 'CP011']);
    expect(await screen.findByText('2 accepted, 1 rejected, 1 answered RebootRequired.')).toBeTruthy();
    expect(screen.queryByText(/All 4 chargers/)).toBeNull();
  });

  it('says all accepted only when each accepted', async () => {
    await send(['CP001', 'CP010']);
    expect(await screen.findByText('All 2 chargers accepted.')).toBeTruthy();
  });
});
