// @vitest-environment jsdom
// A composite schedule is the charger's answer when it was read: said "as read at …"; read before a
// profile change (from any panel, or any face of the bench as its record holds it) or a boot of the charger
// since, it says it may no longer be the schedule and to get it again; while the charger is offline it is
// the last known. A change the charger refused leaves it standing.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { useOperationSlots } from '../../src/renderer/src/stores/operations';
import { formatClock } from '../../src/renderer/src/components/format';
import type { OperationResult } from '../../src/shared/api/contract';
import type { OperationView } from '../../src/shared/api/views';
import { aCharger, benchPerTest, fakeClient, stubResizeObserver, withBench, type FakeClient } from './fake-client';
import { aConnector, secondsFromNow } from './builders';

stubResizeObserver();

const CP001 = () => aCharger('CP001', { lastSeen: new Date().toISOString(), connectors: [aConnector(0), aConnector(1)] });
const goLive = benchPerTest(() => ({ chargers: { CP001: CP001() } }));

const schedule = { status: 'Accepted', connectorId: 1, scheduleStart: secondsFromNow(0), chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] } };

/** CP001 live, answering each action as `answers` says (GetCompositeSchedule: the schedule, as operation 1). */
function bench(answers: Record<string, OperationResult> = {}): FakeClient {
  const client = fakeClient({
    'operations:list': () => [],
    'settings:get': () => ({ heartbeatInterval: 300 }) as never,
    'chargers:operate': ({ action }) => answers[action] ?? { outcome: 'completed', response: schedule as never, operationId: 1 },
  });
  goLive(client, { chargers: { CP001: CP001() } });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetCompositeSchedule" />));
  return client;
}

const menu = () => within(screen.getByRole('navigation', { name: 'Operations' }));
const open = (user: ReturnType<typeof userEvent.setup>, label: string) => user.click(menu().getByRole('button', { name: label }));
const settledAt = (slot: string) => useOperationSlots.getState().slots.CP001![slot]!.settledAt!;

/** Reads the schedule; the result's alert. */
async function read(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  await user.click(screen.getByRole('button', { name: 'Get composite schedule' }));
  return outcome();
}
const outcome = async () => (await screen.findByText('GetCompositeSchedule: Accepted')).closest<HTMLElement>('[role="status"]')!;

async function clearAll(user: ReturnType<typeof userEvent.setup>) {
  await open(user, 'Clear charging profile');
  await user.click(screen.getByRole('button', { name: 'Clear all profiles…' }));
  await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Clear all charging profiles of CP001' }));
  await screen.findByText(/^ClearChargingProfile: /);
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  await open(user, 'Composite schedule');
}

describe('a composite schedule read', () => {
  it('says when it was read', async () => {
    const user = userEvent.setup();
    bench();
    const alert = await read(user);
    const at = formatClock(settledAt('GetCompositeSchedule'));
    expect(alert.textContent).toContain(`This is the schedule the charger will follow, all its profiles combined, as read at ${at}.`);
    expect(alert.className).toMatch(/Success/);
    expect(screen.getByTestId('composite-schedule').textContent).toContain(`As read at ${at} · Starts`);
  });

  it('read before a ClearChargingProfile the charger accepted: may no longer be the schedule, get it again', async () => {
    const user = userEvent.setup();
    bench({ ClearChargingProfile: { outcome: 'completed', response: { status: 'Accepted' } as never, operationId: 2 } });
    await read(user);
    const readAt = formatClock(settledAt('GetCompositeSchedule'));
    await clearAll(user);
    const alert = await outcome();
    expect(alert.textContent).toContain(
      `Read at ${readAt}, before the profiles were changed at ${formatClock(settledAt('ClearChargingProfile'))} (ClearChargingProfile, Accepted): it may no longer be the schedule the charger follows. Get it again.`,
    );
    expect(alert.textContent).not.toContain('This is the schedule the charger will follow');
    expect(alert.className).toMatch(/Warning/);
    expect(screen.getByTestId('composite-schedule').textContent).toContain(`As read at ${readAt} (it may no longer apply) · Starts`);
  });

  it('a ClearChargingProfile that removed nothing (Unknown) leaves it standing', async () => {
    const user = userEvent.setup();
    bench({ ClearChargingProfile: { outcome: 'completed', response: { status: 'Unknown' } as never, operationId: 2 } });
    await read(user);
    await clearAll(user);
    expect((await outcome()).textContent).toContain('This is the schedule the charger will follow, all its profiles combined, as read at');
  });

  it('a SetChargingProfile sent from another face since (the bench record): may no longer be the schedule', async () => {
    const user = userEvent.setup();
    const client = bench();
    await read(user);
    const at = secondsFromNow(1);
    const op: OperationView = { id: 7, chargerId: 'CP001', action: 'SetChargingProfile', request: {}, sentAt: at, finishedAt: at, outcome: 'completed', response: { status: 'Accepted' }, error: null };
    client.emit([{ type: 'operationFinished', operation: op, ts: at }]);
    await waitFor(async () => expect((await outcome()).textContent).toContain(`before the profiles were changed at ${formatClock(at)} (SetChargingProfile, Accepted)`));
  });

  it('read before the charger rebooted: may no longer be the schedule', async () => {
    const user = userEvent.setup();
    const client = bench();
    await read(user);
    const at = secondsFromNow(2);
    client.emit([{ type: 'bootNotification', chargerId: 'CP001', boot: { chargePointVendor: 'V', chargePointModel: 'M' }, status: 'Accepted', ts: at }]);
    await waitFor(async () => expect((await outcome()).textContent).toContain(`before CP001 rebooted at ${formatClock(at)}: it may no longer be the schedule the charger follows. Get it again.`));
  });

  it('while the charger is offline: the last known', async () => {
    const user = userEvent.setup();
    const client = bench();
    await read(user);
    const at = formatClock(settledAt('GetCompositeSchedule'));
    client.emit([{ type: 'chargerDisconnected', chargerId: 'CP001', reason: 'Connection lost (1006)', ts: new Date().toISOString() }]);
    await waitFor(async () =>
      expect((await outcome()).textContent).toMatch(
        new RegExp(`Last known \\(CP001 is offline, last seen .*\\): the schedule the charger would follow, all its profiles combined, as read at ${at}\\.`),
      ),
    );
    expect((await outcome()).textContent).not.toContain('This is the schedule the charger will follow');
    expect(screen.getByTestId('composite-schedule').textContent).toContain(`As read at ${at} (last known) · Starts`);
  });
});
