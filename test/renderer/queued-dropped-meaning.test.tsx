// @vitest-environment jsdom
// An operation queued behind an unanswered call, cut off by a dropped connection, was never sent: the
// panel says so, naming the charger and the call it waited behind, not that the charger is not connected.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { explainResult } from '../../src/renderer/src/features/operations/registry';
import { formatClock } from '../../src/renderer/src/components/format';
import type { OperationResult } from '../../src/shared/api/contract';
import { aCharger, fakeClient, benchPerTest, withBench } from './fake-client';

const RESET_SENT = '2025-01-01T09:08:18.000Z';
const DROPPED = 'Charger UIV2 disconnected: Connection lost (1006, no close frame): the network dropped, the charger restarted, or it stopped answering pings';
const cutOff: OperationResult = { outcome: 'offline', error: { description: DROPPED }, queuedBehind: { action: 'Reset', sentAt: RESET_SENT, operationId: 7 } };

const makeLive = benchPerTest(() => ({ chargers: { UIV2: aCharger('UIV2') } }));

describe('a Change availability queued behind a Reset when the connection dropped', () => {
  it('says it was never sent because the connection dropped while it waited behind the Reset, not that the charger is not connected', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': () => cutOff, 'tests:list': () => [], 'commissioning:list': () => [] });
    makeLive(client, { chargers: { UIV2: aCharger('UIV2') } });
    render(withBench(client, <OperationsPanel chargerId="UIV2" initial="ChangeAvailability" />));
    await user.click(screen.getByRole('button', { name: 'Make UIV2 Inoperative (all connectors)…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Make UIV2 Inoperative (all connectors)' }));
    const outcome = await screen.findByText('ChangeAvailability: Never sent: connection dropped');
    const text = outcome.closest('[role="status"]')!.textContent!;
    expect(text).toContain(`Never sent: UIV2's connection dropped (1006) while this waited behind the Reset sent at ${formatClock(RESET_SENT)}`);
    expect(text).not.toMatch(/not connected|Check its power and network/);
  });

  it('a charger that was not connected at all is still said offline, nothing sent', () => {
    expect(explainResult('ChangeAvailability', { outcome: 'offline', error: { description: 'Charger UIV2 is not connected' } }, 'UIV2')).toMatchObject({
      headline: 'Charger offline',
      meaning: expect.stringContaining('not connected to the bench, so nothing was sent'),
    });
  });
});
