// @vitest-environment jsdom
// The bench's BootNotification answer gives the charger its heartbeat interval, so the configuration table
// does not show a HeartbeatInterval read or set before the charger's last boot as if it still held: the
// interval the bench gave at that boot (what About this charger says) stands in for it, said as from the
// bench's answer to its boot; a boot whose interval the bench's view does not hold yet marks the value as
// possibly undone. An open panel follows the charger's boot as it comes, not only after a reload.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, refreshChargers, useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import type { ChargerView } from '../../src/shared/api/views';
import { aCharger, aCompletedOperation, completed, minutesAgo } from './builders';
import { fakeClient, liveBench, withBench } from './fake-client';

let off: () => void = () => undefined;
afterEach(() => {
  cleanup();
  off();
  useBench.setState(initialBenchState);
});

const rowOf = (table: HTMLElement, key: string) => within(table).getByText(key).closest('tr') as HTMLElement;
const valueOf = (row: HTMLElement) => row.querySelectorAll('td')[1]!.textContent;

describe('HeartbeatInterval in the configuration table after the charger boots', () => {
  it('is marked as possibly undone at the boot, then shows the interval the boot answer gave, in an open panel', async () => {
    const user = userEvent.setup();
    const OLD_BOOT = minutesAgo(60);
    const charger = (over: Partial<ChargerView> = {}) => aCharger('CP001', { lastBoot: OLD_BOOT, heartbeatGiven: { seconds: 60, how: 'boot', at: OLD_BOOT }, ...over });
    let listed = charger();
    const client = fakeClient({
      'settings:get': () => new Promise(() => undefined),
      'operations:list': () => [],
      'chargers:list': () => [listed],
      'chargers:operate': (args) =>
        args.action === 'GetConfiguration'
          ? completed({
              configurationKey: [
                { key: 'HeartbeatInterval', readonly: false, value: '60' },
                { key: 'MeterValueSampleInterval', readonly: false, value: '30' },
              ],
            })
          : completed({ status: 'Accepted' }),
    });
    off = liveBench(client, { chargers: { CP001: listed } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    let table = await screen.findByRole('table', { name: 'Configuration keys' });

    // Set to 20, accepted: the table shows 20.
    await user.click(within(rowOf(table, 'HeartbeatInterval')).getByRole('button', { name: 'Edit HeartbeatInterval' }));
    const field = screen.getByRole('textbox', { name: 'New value for HeartbeatInterval' });
    await user.clear(field);
    await user.type(field, '20{Enter}');
    await waitFor(() => expect(valueOf(rowOf(screen.getByRole('table', { name: 'Configuration keys' }), 'HeartbeatInterval'))).toMatch(/^20/));

    // The charger reboots: at once the value is said as possibly undone by that boot.
    const bootAt = new Date(Date.now() + 1000).toISOString();
    act(() =>
      client.emit([{ type: 'bootNotification', chargerId: 'CP001', boot: { chargePointVendor: 'Alfen', chargePointModel: 'Eve Double', firmwareVersion: '6.2.1' }, status: 'Accepted', ts: bootAt }]),
    );
    table = screen.getByRole('table', { name: 'Configuration keys' });
    expect(within(rowOf(table, 'HeartbeatInterval')).getByText(new RegExp(`possibly undone by its boot at ${formatClock(bootAt)}`))).toBeTruthy();

    // The bench's view of it then tells the interval the boot answer gave: the table shows it, as About this charger does.
    const givenAt = new Date(Date.parse(bootAt) + 20).toISOString();
    listed = charger({ lastBoot: bootAt, heartbeatGiven: { seconds: 60, how: 'boot', at: givenAt } });
    await act(() => refreshChargers(client));
    const row = rowOf(screen.getByRole('table', { name: 'Configuration keys' }), 'HeartbeatInterval');
    expect(valueOf(row)).toBe(`60from the bench's answer to its boot at ${formatClock(givenAt)}`);
    // Another key is as read.
    expect(valueOf(rowOf(screen.getByRole('table', { name: 'Configuration keys' }), 'MeterValueSampleInterval'))).toBe('30');
  });

  it('rebuilt from the record, shows the boot answer’s interval, not a value set before the boot', async () => {
    const SET_AT = minutesAgo(20);
    const BOOT_AT = minutesAgo(5);
    const op = aCompletedOperation;
    const record = [
      op(2, 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '20' }, { status: 'Accepted' }, SET_AT),
      op(1, 'GetConfiguration', {}, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }] }, minutesAgo(40)),
    ];
    const client = fakeClient({ 'settings:get': () => new Promise(() => undefined), 'operations:list': () => record });
    off = liveBench(client, { chargers: { CP001: aCharger('CP001', { lastBoot: BOOT_AT, heartbeatGiven: { seconds: 60, how: 'boot', at: BOOT_AT } }) } });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    const table = await screen.findByRole('table', { name: 'Configuration keys (last known)' });
    expect(valueOf(rowOf(table, 'HeartbeatInterval'))).toBe(`60from the bench's answer to its boot at ${formatClock(BOOT_AT)}`);
  });
});
