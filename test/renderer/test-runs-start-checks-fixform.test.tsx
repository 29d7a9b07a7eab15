// @vitest-environment jsdom
// The conformance Start form says what is wrong with its test data as it is typed, each field in its own
// words (by the bench's own schema for tests:start, and the connector against a built-in virtual charger's
// definition), all at once, and Start stays disabled meanwhile. A real charger's connectors are not known for
// certain before the run (the bench reads NumberOfConnectors then): a connector above those it has reported is
// a warning that does not hold Start, and the bench's answer is the judge. And it declares only what the
// person changed: a built-in virtual charger's definition left as it is goes unsent (the run says "as the
// built-in virtual charger is defined").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import type { CaseInfo } from '../../src/shared/api/test-runs';
import type { ChargerView } from '../../src/shared/api/views';
import { fakeClient, routed, withBench, aCharger } from './fake-client';
import { aRunResult } from './builders';

const cases: CaseInfo[] = [{ id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1', decisions: [], notSupported: null }];
const connector = (connectorId: number) => ({ connectorId, status: 'Available', errorCode: 'NoError', info: null, vendorId: null }) as ChargerView['connectors'][number];

beforeEach(() => {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: {
      CP2: aCharger('CP2', { connectors: [connector(0), connector(1), connector(2)] }),
      CP1: aCharger('CP1', { connectors: [connector(0), connector(1)] }),
      VCP1: aCharger('VCP1', { virtual: true }),
    },
  });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const screens = routed({ '/test-runs': <TestRunsScreen />, '/test-runs/:id': <RunScreen /> }, true);
const helperOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')!)!.textContent;

describe('the Start form’s test data', () => {
  it('names each field wrong as it is typed, in its own words, all at once, and keeps Start disabled', async () => {
    const user = userEvent.setup();
    // A built-in virtual charger with 2 connectors: its count is certain, so connector 7 holds Start.
    const client = fakeClient({
      'tests:cases': () => cases,
      'tests:list': () => [],
      'tests:start': () => ({ runId: 'run-1' }),
      'virtualChargers:get': () => ({ definition: { fixedCable: false, backupPower: false, connectors: 2 } }) as never,
    });
    render(withBench(client, screens, '/test-runs?charger=VCP1'));
    await screen.findByText(/All cases \(1\)/);
    await waitFor(() => expect(client.callsOf('virtualChargers:get')).toHaveLength(1));
    await user.click(screen.getByText('Test data'));
    const fields = {
      connector: screen.getByRole('textbox', { name: 'Connector' }),
      operator: screen.getByRole('textbox', { name: 'Operator time limit (s)' }),
      duration: screen.getByRole('textbox', { name: 'Transaction duration (s)' }),
    };
    await user.clear(fields.connector);
    await user.type(fields.connector, '7');
    expect(fields.connector.getAttribute('aria-invalid')).toBe('true');
    expect(helperOf(fields.connector)).toBe('Connector: the charger has 2');
    await user.clear(fields.operator);
    await user.type(fields.operator, '-3');
    await user.clear(fields.duration);
    await user.type(fields.duration, '1,5');
    expect(helperOf(fields.operator)).toBe('Operator time limit: at least 5 s');
    expect(helperOf(fields.duration)).toBe('Transaction duration (s): a whole number of seconds');
    // All three at once, by the Start button too; nothing in developer's words.
    const said = screen.getByRole('alert', { name: 'Test data to correct' }).textContent!;
    expect(said).toContain('Connector: the charger has 2');
    expect(said).toContain('Operator time limit: at least 5 s');
    expect(said).toContain('Transaction duration (s): a whole number of seconds');
    expect(document.body.textContent).not.toMatch(/Invalid input|expected number|data\./);
    const start = screen.getByRole('button', { name: 'Start 1 case on VCP1' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(client.callsOf('tests:start')).toEqual([]);

    // Put right, the form is clear and Start is enabled.
    await user.clear(fields.connector);
    await user.type(fields.connector, '2');
    await user.clear(fields.operator);
    await user.type(fields.operator, '60');
    await user.clear(fields.duration);
    await user.type(fields.duration, '15');
    expect(fields.connector.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert', { name: 'Test data to correct' })).toBeNull();
    expect(start.disabled).toBe(false);
  });

  it('only warns of a connector above those a real charger has reported, and leaves the judging to the bench', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [], 'tests:start': () => ({ runId: 'run-3' }), 'tests:get': () => aRunResult({ id: 'run-3', state: 'running' }) });
    // CP1 has reported connector 1 only; its NumberOfConnectors (read by the bench at the start) may be 2.
    render(withBench(client, screens, '/test-runs?charger=CP1'));
    await screen.findByText(/All cases \(1\)/);
    await user.click(screen.getByText('Test data'));
    const field = screen.getByRole('textbox', { name: 'Connector' });
    await user.clear(field);
    await user.type(field, '2');
    expect(helperOf(field)).toBe('Connector 2: the charger has reported connectors up to 1 so far; the bench checks it against NumberOfConnectors when the run starts');
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert', { name: 'Test data to correct' })).toBeNull();
    const start = screen.getByRole('button', { name: 'Start 1 case on CP1…' }) as HTMLButtonElement;
    expect(start.disabled).toBe(false);
    await user.click(start);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Start the run on CP1' }));
    await waitFor(() => expect(client.callsOf('tests:start')).toHaveLength(1));
    expect(client.callsOf('tests:start')[0]).toEqual({ chargerId: 'CP1', data: { connectorId: 2 } });
  });
});

describe('what the form declares of a built-in virtual charger', () => {
  const client = () =>
    fakeClient({
      'tests:cases': () => cases,
      'tests:list': () => [],
      'tests:start': () => ({ runId: 'run-2' }),
      'tests:get': () => aRunResult({ id: 'run-2', state: 'running' }),
      'virtualChargers:get': () => ({ definition: { fixedCable: true, backupPower: true, connectors: 2 } }) as never,
    });

  it('sends nothing for what is left as the charger is defined', async () => {
    const user = userEvent.setup();
    const c = client();
    render(withBench(c, screens, '/test-runs?charger=VCP1'));
    await screen.findByText(/All cases \(1\)/);
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Fixed cable (no socket)' }) as HTMLInputElement).checked).toBe(true));
    expect((screen.getByRole('switch', { name: /Back-up power/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Start 1 case on VCP1' }));
    await waitFor(() => expect(c.callsOf('tests:start')).toHaveLength(1));
    expect(c.callsOf('tests:start')[0]).toEqual({ chargerId: 'VCP1' });
  });

  it('sends what the person changed from the definition, and only that', async () => {
    const user = userEvent.setup();
    const c = client();
    render(withBench(c, screens, '/test-runs?charger=VCP1'));
    await screen.findByText(/All cases \(1\)/);
    await waitFor(() => expect((screen.getByRole('switch', { name: /Back-up power/ }) as HTMLInputElement).checked).toBe(true));
    await user.click(screen.getByRole('switch', { name: /Back-up power/ }));
    await user.click(screen.getByRole('switch', { name: 'Connector lock' }));
    await user.click(screen.getByRole('button', { name: 'Start 1 case on VCP1' }));
    await waitFor(() => expect(c.callsOf('tests:start')).toHaveLength(1));
    expect(c.callsOf('tests:start')[0]).toEqual({ chargerId: 'VCP1', declared: { backupPower: false, connectorLock: false } });
  });
});
