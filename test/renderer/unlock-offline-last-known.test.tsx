// @vitest-environment jsdom
// Unlock connector's connector radios list each connector with its status and the session running on it.
// While the charger is offline those are the last it sent: the radios say so, as the panels' connector
// picker does ("Connector 2 · Charging (last known) · session of TAG-ALICE (last known)", and since when),
// never as if live. A live charger's radios list them plainly.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { aTransaction } from './builders';
import { lastSeen, oneCharging, renderVcp2Panel, resetBenchAfterEach, vcp2Bench } from './offline-ops-fixtures';
import { formatWhen } from '../../src/renderer/src/components/format';

const bench = (connected: boolean) => vcp2Bench(connected, oneCharging(), { 17: aTransaction(17, 'VCP2', 2, 'TAG-ALICE') });

resetBenchAfterEach();

function radios(): string[] {
  renderVcp2Panel('UnlockConnector');
  return screen.getAllByRole('radio').map((r) => r.closest('label')?.textContent ?? '');
}

describe('the unlock connector radios of an offline charger', () => {
  it('list the statuses and the session as last known, with since when', () => {
    bench(false);
    expect(radios()).toEqual(['Connector 1 · Available (last known)', 'Connector 2 · Charging (last known) · session of TAG-ALICE (last known)']);
    const caption = `Statuses as last known (VCP2 is offline, last seen ${formatWhen(lastSeen)} (5 min ago))`;
    expect(screen.getByText(caption)).toBeTruthy();
    expect(screen.getByRole('radiogroup', { description: caption })).toBeTruthy();
  });

  it('a live charger lists its statuses and session plainly', () => {
    bench(true);
    expect(radios()).toEqual(['Connector 1 · Available', 'Connector 2 · Charging · session of TAG-ALICE']);
    expect(screen.queryByText(/last known/)).toBeNull();
  });
});
