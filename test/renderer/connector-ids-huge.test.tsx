// @vitest-environment jsdom
// A charger that reports a status for connector 30000000 (or 1e20): its page lists the connectors it
// reported, never a range up to the largest id (which hung the tab, or threw "Invalid array length" and
// left a white page); an id beyond the NumberOfConnectors it gave is said as the charger's report; and a
// panel that cannot be drawn says so in its place, the rest of the page still there.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aCharger, aConnector, completed } from './builders';
import { chargerScreenHooks, renderChargers } from './charger-page-harness';
import { fakeClient, liveBench, routed, withBench } from './fake-client';
import { connectorIdsOf } from '../../src/renderer/src/components/running';
import * as chargerDetail from '../../src/renderer/src/features/chargers/ChargerDetailScreen';
import type { OperationView } from '../../src/shared/api/views';

chargerScreenHooks();

const raw6 = (huge: number) => aCharger('RAW6', { connectors: [aConnector(0), aConnector(1), aConnector(huge)] });
const card = (n: number | string) => within(screen.getByRole('region', { name: `Connector ${n}` }));

/** RAW6's answer to GetConfiguration, giving NumberOfConnectors `value`. */
const configurationRead = (value: string): OperationView => ({
  id: 3,
  chargerId: 'RAW6',
  action: 'GetConfiguration',
  request: { key: ['NumberOfConnectors'] },
  sentAt: '2025-03-01T10:00:00Z',
  finishedAt: '2025-03-01T10:00:01Z',
  outcome: 'completed',
  response: { configurationKey: [{ key: 'NumberOfConnectors', readonly: true, value }] },
  error: null,
});

describe('connector ids as the charger reported them', () => {
  it('lists the reported ids, not 1..the largest', () => {
    const c = (ids: number[]) => ({ connectors: ids.map((connectorId) => ({ connectorId })) }) as never;
    expect(connectorIdsOf(c([0, 1, 30_000_000]))).toEqual([1, 30_000_000]);
    expect(connectorIdsOf(c([0, 1e20, 2]))).toEqual([2, 1e20]);
    expect(connectorIdsOf(c([3, 1]))).toEqual([1, 3]);
    expect(connectorIdsOf(c([0, -1]))).toEqual([1]);
  });

  it('draws the page of a charger that reported connector 1e20, with a card for each connector it reported', async () => {
    renderChargers([raw6(1e20)], { path: '/chargers/RAW6', handlers: { 'operations:list': () => [] } });
    expect(await screen.findByRole('region', { name: 'Connector 1' })).toBeTruthy();
    expect(screen.getByRole('region', { name: `Connector ${1e20}` })).toBeTruthy();
    expect(screen.queryByTestId('panel-error')).toBeNull();
  });

  it('offers to unlock exactly the two connectors of a charger that reported connector 30000000', async () => {
    const user = userEvent.setup();
    renderChargers([raw6(30_000_000)], {
      path: '/chargers/RAW6',
      handlers: { 'operations:list': () => [], 'chargers:operate': () => completed({ status: 'Unlocked' }) },
    });
    await user.click(card(1).getByRole('button', { name: 'Unlock…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['1', '30000000']);
  });

  it("says a connector beyond the charger's NumberOfConnectors is the charger's own report", async () => {
    renderChargers([raw6(30_000_000)], { path: '/chargers/RAW6', handlers: { 'operations:list': () => [configurationRead('2')] } });
    const notice = await screen.findByTestId('connectors-beyond');
    expect(notice.textContent).toContain('RAW6 reported a status for connector 30000000, but it said it has 2 (NumberOfConnectors');
    expect(notice.textContent).toContain('charger’s own report');
  });

  it('says nothing when the reported connectors are within NumberOfConnectors', async () => {
    const client = renderChargers([raw6(2)], { path: '/chargers/RAW6', handlers: { 'operations:list': () => [configurationRead('2')] } });
    expect(await screen.findByRole('region', { name: 'Connector 2' })).toBeTruthy();
    await waitFor(() => expect(client.callsOf('operations:list').some((a) => a.actions?.includes('GetConfiguration'))).toBe(true));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId('connectors-beyond')).toBeNull();
  });
});

describe('a panel that cannot be drawn', () => {
  it('says so in its place; the charger’s name and tabs stay', async () => {
    const Broken = () => {
      throw new RangeError('Invalid array length');
    };
    const sections = { operations: Broken, transactions: Broken, log: Broken, files: Broken, connectorActions: Broken };
    const client = fakeClient({ 'chargers:list': () => [raw6(2)], 'chargers:meterValues': () => [], 'operations:list': () => [], 'settings:get': () => ({}) as never });
    const off = liveBench(client, { chargers: { RAW6: raw6(2) } });
    const quiet = console.error;
    console.error = () => undefined;
    try {
      render(withBench(client, routed({ '/chargers/:id': <chargerDetail.ChargerDetailScreen sections={sections} /> }), '/chargers/RAW6'));
      const error = await screen.findByTestId('panel-error');
      expect(error.textContent).toContain("Could not show RAW6's overview");
      expect(error.textContent).toContain('RangeError: Invalid array length');
      expect(screen.getByRole('heading', { name: 'RAW6' })).toBeTruthy();
      expect(screen.getByRole('tab', { name: 'Operations' })).toBeTruthy();
    } finally {
      console.error = quiet;
      off();
    }
  });
});
