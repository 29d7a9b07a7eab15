// @vitest-environment jsdom
// The charger page while a running session's meter history is being fetched (10,000 readings take seconds
// under load): it says the readings are loading, with a progress bar where the chart will be, never
// "none yet"; once the bench answers, it shows what it answered (the readings, or that there are none);
// and a fetch that fails says so, with a retry.
import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aCharger, aConnector, aTransaction, meterRows, minutesAgo } from './builders';
import { chargerScreenHooks, chargerScreens, goLive } from './charger-page-harness';
import { fakeClient, withBench } from './fake-client';
import { CallFailure } from '../../src/renderer/src/api/client';
import type { BenchSettings, MeterValueView } from '../../src/shared/api/views';
import { deferred } from './deferred';

chargerScreenHooks();

const ext01 = () => aCharger('EXT01', { connectors: [aConnector(0), aConnector(1, { status: 'Charging', timestamp: minutesAgo(4) })] });
const session = () => aTransaction(7, 'EXT01', 1, 'EXT01', { meterStart: 1000, startTime: minutesAgo(4) });

/** EXT01's page, charging session 7 on connector 1, its meter history answered by `meterValues`. */
function open(meterValues: () => Promise<MeterValueView[]>, charger = ext01()) {
  const settings = { heartbeatInterval: 300, unknownChargers: 'accept', requirePassword: false } as BenchSettings;
  const client = fakeClient({
    'chargers:list': () => [charger],
    'chargers:meterValues': meterValues,
    'connectionAttempts:list': () => [],
    'operations:list': () => [],
    'settings:get': () => ({ ...settings }),
  });
  goLive(client, { chargers: { EXT01: charger }, activeTransactions: { 7: session() } });
  render(withBench(client, chargerScreens, '/chargers/EXT01'));
  return client;
}

const card = () => within(screen.getByRole('region', { name: 'Connector 1' }));
/** The value beside a fact's label on the session's box. */
const fact = (label: string) => card().getByText(label).nextElementSibling?.textContent;

/** What the page must not say while it does not know. */
function saysNoneYet() {
  return [/none yet/, /No readings/, /No meter values yet/].filter((w) => card().queryAllByText(w).length > 0);
}

// Session 7's newest reading: 53,180 Wh on the register (52.18 kWh since its start at 1,000), 7.4 kW.
const readings = () => meterRows('EXT01', 1, new Date(Date.now() - 10_000).toISOString(), 53_180, 7400, 7);

describe('a running session’s meter history while it is fetched', () => {
  it('says the readings are loading, not "none yet", then shows them once they come', async () => {
    const history = deferred<MeterValueView[]>();
    const client = open(() => history.promise);
    await waitFor(() => expect(client.callsOf('chargers:meterValues')).toHaveLength(1));
    expect(screen.getByTestId('meter-latest-1').textContent).toBe('Loading readings…');
    expect(fact('Energy so far')).toBe('Loading readings…');
    // The running session's row has the label it keeps once the readings come: it does not jump.
    expect(fact('Power now')).toBe('Loading readings…');
    expect(card().queryByText('Last power reading')).toBeNull();
    expect(saysNoneYet()).toEqual([]);
    // A progress bar where the chart will be.
    const chart = screen.getByTestId('meter-chart-1');
    expect(chart.getAttribute('aria-busy')).toBe('true');
    expect(within(chart).getByRole('progressbar')).toBeTruthy();

    await act(async () => history.resolve(readings()));
    await waitFor(() => expect(fact('Energy so far')).toBe('52.18 kWh'));
    expect(fact('Power now')).toBe('7.4 kW');
    expect(screen.getByTestId('meter-latest-1').textContent).not.toContain('Loading');
    expect(screen.queryByText(/Loading/)).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('says "none yet" only once the bench has answered with none', async () => {
    const history = deferred<MeterValueView[]>();
    const client = open(() => history.promise);
    await waitFor(() => expect(client.callsOf('chargers:meterValues')).toHaveLength(1));
    expect(saysNoneYet()).toEqual([]);
    expect(fact('Power now')).toBe('Loading readings…');

    await act(async () => history.resolve([]));
    await waitFor(() => expect(screen.getByTestId('meter-latest-1').textContent).toBe('No readings in this session yet'));
    expect(fact('Energy so far')).toBe('—');
    expect(fact('Last power reading')).toBe('none yet');
    expect(card().getByText(/No meter values yet/)).toBeTruthy();
    expect(screen.queryByText(/Loading/)).toBeNull();
  });

  it('keeps "Last power reading" while loading the last known session of an offline charger (no power is "now" there)', async () => {
    const history = deferred<MeterValueView[]>();
    const client = open(() => history.promise, { ...ext01(), connected: false, lastSeen: minutesAgo(3) });
    await waitFor(() => expect(client.callsOf('chargers:meterValues')).toHaveLength(1));
    expect(card().getByText('Last known session')).toBeTruthy();
    expect(fact('Last power reading')).toBe('Loading readings…');
    expect(card().queryByText('Power now')).toBeNull();

    await act(async () => history.resolve(readings()));
    await waitFor(() => expect(fact('Energy so far')).toBe('52.18 kWh'));
    expect(fact('Last power reading')).toMatch(/^7\.4 kW at /);
    expect(card().queryByText('Power now')).toBeNull();
  });

  it('says a fetch that failed failed, not "none yet", and fetches again on "Try again"', async () => {
    const user = userEvent.setup();
    const second = deferred<MeterValueView[]>();
    let asked = 0;
    const client = open(() => (++asked === 1 ? Promise.reject(new CallFailure({ status: 503, message: 'The bench is busy' })) : second.promise));
    expect((await screen.findByTestId('meter-error-1')).textContent).toBe('The meter values could not be read: The bench is busy');
    expect(screen.getByTestId('meter-latest-1').textContent).toBe('Not known: the readings could not be read');
    expect(fact('Power now')).toBe('not known (the readings could not be read)');
    expect(card().queryByText('Last power reading')).toBeNull();
    expect(fact('Energy so far')).toBe('not known (the readings could not be read)');

    await user.click(card().getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(client.callsOf('chargers:meterValues')).toHaveLength(2));
    expect(screen.getByTestId('meter-latest-1').textContent).toBe('Loading readings…');
    expect(screen.queryByTestId('meter-error-1')).toBeNull();

    await act(async () => second.resolve(readings()));
    await waitFor(() => expect(fact('Energy so far')).toBe('52.18 kWh'));
    expect(screen.queryByTestId('meter-error-1')).toBeNull();
  });
});
