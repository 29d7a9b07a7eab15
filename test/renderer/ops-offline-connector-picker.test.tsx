// @vitest-environment jsdom
// The Connector picker of the operation panels (Change availability, Trigger message, Reserve…) lists each
// connector with its status. While the charger is offline those statuses are the last it sent: the picker
// says so ("Connector 2 · Charging (last known)", and since when, as Remote stop says of its sessions),
// never as if live. A live charger's picker lists them plainly.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { lastSeen, pickerOptions, resetBenchAfterEach, vcp2Bench } from './offline-ops-fixtures';
import { formatWhen } from '../../src/renderer/src/components/format';
import type { OperationAction } from '../../src/renderer/src/features/operations/kit/actions';

const bench = (connected: boolean) => vcp2Bench(connected);
const options = (initial: OperationAction) => pickerOptions(initial, /^Connector/);

resetBenchAfterEach();

describe('the connector picker of an offline charger', () => {
  it('Change availability lists the statuses as last known, with since when', async () => {
    bench(false);
    expect(await options('ChangeAvailability')).toEqual(['Whole charger (connector 0) · Available (last known)', 'Connector 1 · Available (last known)', 'Connector 2 · Charging (last known)']);
    expect(screen.getByText(`Statuses as last known (VCP2 is offline, last seen ${formatWhen(lastSeen)} (5 min ago))`)).toBeTruthy();
  });

  it('Trigger message keeps its own hint beside the last-known one', async () => {
    bench(false);
    expect(await options('TriggerMessage')).toEqual(['Not given (all connectors)', 'Connector 1 · Available (last known)', 'Connector 2 · Charging (last known)']);
    expect(screen.getByText(/^Statuses as last known \(VCP2 is offline, last seen /)).toBeTruthy();
  });

  it('a live charger lists its statuses plainly', async () => {
    bench(true);
    expect(await options('ChangeAvailability')).toEqual(['Whole charger (connector 0) · Available', 'Connector 1 · Available', 'Connector 2 · Charging']);
    expect(screen.queryByText(/last known/)).toBeNull();
  });
});
