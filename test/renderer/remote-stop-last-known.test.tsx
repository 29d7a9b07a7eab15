// @vitest-environment jsdom
// Remote stop's transaction picker of a charger that is not live lists the sessions it last knew: each option
// says so ("7 · connector 1 · TAG-ALICE · … (last known)"), with since when under the picker, as Change
// availability's connector picker says its statuses ("Connector 1 · Charging (last known)"). A live
// charger's options are said plainly.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { aConnector, aTransaction } from './builders';
import { lastSeen, pickerOptions, resetBenchAfterEach, vcp2Bench } from './offline-ops-fixtures';
import { formatWhen } from '../../src/renderer/src/components/format';

/** VCP2 charging on connectors 1 and 2; `connected: false`: offline since 5 min ago. */
const bench = (connected: boolean) =>
  vcp2Bench(connected, [aConnector(0), aConnector(1, { status: 'Charging' }), aConnector(2, { status: 'Charging' })], {
    4: aTransaction(4, 'VCP2', 1, 'NEWVA2'),
    5: aTransaction(5, 'VCP2', 2, 'TAG-BOB'),
  });

const options = () => pickerOptions('RemoteStopTransaction', /^Transaction/, { 'chargers:meterValues': () => [] });

resetBenchAfterEach();

describe("Remote stop's transaction picker", () => {
  it('of an offline charger marks each session as last known, with since when', async () => {
    bench(false);
    const listed = await options();
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatch(/^4 · connector 1 · NEWVA2 · .+ \(last known\)$/);
    expect(listed[1]).toMatch(/^5 · connector 2 · TAG-BOB · .+ \(last known\)$/);
    expect(listed[2]).toBe('Another transaction id…');
    expect(screen.getByText(`Last known (VCP2 is offline, last seen ${formatWhen(lastSeen)} (5 min ago))`)).toBeTruthy();
  });

  it('of a live charger lists its sessions plainly', async () => {
    bench(true);
    const listed = await options();
    expect(listed[0]).toMatch(/^4 · connector 1 · NEWVA2 · /);
    expect(listed.join('\n')).not.toMatch(/last known/i);
    expect(screen.queryByText(/last known/i)).toBeNull();
  });
});
