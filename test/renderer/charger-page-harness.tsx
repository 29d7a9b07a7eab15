// The Chargers list and a charger's page as the component tests draw them: a fake bench that lists some
// chargers, live (its events fed to the store), with its settings and, where told, what its record holds of
// a charger's heartbeat interval; the screens at their routes; and the hooks that start each test from an
// empty store and take its screen down after it.
import { afterEach, beforeEach, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { fakeClient, liveBench, routed, stubResizeObserver, withBench, type FakeClient, type Handlers } from './fake-client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerDetailScreen, ChargersScreen } from '../../src/renderer/src/app/screens';
import { Layout } from '../../src/renderer/src/app/Layout';
import { forgetHeartbeatIntervals } from '../../src/renderer/src/components/heartbeatInterval';
import type { BenchClient } from '../../src/renderer/src/api/client';
import type { BenchSettings, ChargerView, MessageView, MeterValueView, OperationView, TransactionView } from '../../src/shared/api/views';
import { aCharger, aConnector } from './builders';

/** A time `ms` before now, as the bench gives it. */
export const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** The Chargers list and a charger's page, at their routes. */
export const chargerScreens = routed({ '/chargers': <ChargersScreen />, '/chargers/:id': <ChargerDetailScreen /> });

/** What the record holds of a charger's heartbeat interval: the bench's answer to its last boot (null: none) and its configuration operations. */
export interface HeartbeatRecord {
  boot?: MessageView | null;
  operations?: OperationView[];
}

export interface ChargersOptions {
  /** Where the router starts: the Chargers list unless told. */
  path?: string;
  /** The bench's settings, over a heartbeat interval of 300 s, unknown chargers accepted, no password required. */
  settings?: Partial<BenchSettings>;
  /** With it, the record answers the boot answers (messages:page) and configuration operations (operations:list) asked of. */
  record?: HeartbeatRecord;
  /** More answers, or others, of the fake bench. */
  handlers?: Handlers;
}

let off: (() => void) | undefined;

/** Feeds the fake bench's events to the store, loaded with `state`, until the test ends (chargerScreenHooks). */
export function goLive(client: FakeClient, state: Parameters<typeof liveBench>[1] = {}) {
  off = liveBench(client, state);
}

/**
 * A fake bench listing `chargers` (live: in the store and fed its events), with no meter values and no
 * connection attempts unless `handlers` say otherwise, and the Chargers list and charger pages drawn at
 * `path`. Returns the fake bench, for its calls and to push events.
 */
export function renderChargers(chargers: ChargerView[], options: ChargersOptions = {}): FakeClient {
  const settings = { heartbeatInterval: 300, unknownChargers: 'accept', requirePassword: false, ...options.settings } as BenchSettings;
  const client = fakeClient({
    'chargers:list': () => [...chargers],
    'chargers:meterValues': () => [],
    'connectionAttempts:list': () => [],
    'settings:get': () => ({ ...settings }),
    ...(options.record && recordAnswers(options.record)),
    ...options.handlers,
  });
  goLive(client, { chargers: Object.fromEntries(chargers.map((c) => [c.id, c])) });
  render(withBench(client, chargerScreens, options.path ?? '/chargers'));
  return client;
}

/** A charger's page inside the app's Layout (its top bar and banners), at `path`. */
export function renderChargerPage(client: BenchClient, path: string) {
  return render(withBench(client, <Layout>{routed({ '/chargers/:id': <ChargerDetailScreen /> })}</Layout>, path));
}

/** The record's answers: the boot answer to a query for the bench's answers to BootNotification, the operations of the actions asked. */
function recordAnswers(record: HeartbeatRecord): Handlers {
  return {
    'messages:page': ({ actions, kinds, direction }) => (record.boot && actions?.includes('BootNotification') && kinds?.includes('CALLRESULT') && direction === 'out' ? [record.boot] : []),
    'operations:list': ({ actions }) => (record.operations ?? []).filter((o) => !actions || (actions as string[]).includes(o.action)),
  };
}

/**
 * Each test starts from an empty store with no heartbeat interval remembered (with `fakeTimers`, on a fake
 * Date and fake intervals); after it, its live feed is off, its screen unmounted and real timers back.
 */
export function chargerScreenHooks({ fakeTimers = false } = {}) {
  stubResizeObserver();
  beforeEach(() => {
    if (fakeTimers) vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    useBench.setState(initialBenchState, true);
    forgetHeartbeatIntervals();
  });
  afterEach(() => {
    off?.();
    off = undefined;
    cleanup();
    vi.useRealTimers();
  });
}

/** The bench's answer to CP-1's boot at `ts`, giving it `interval`, as the message log holds it. */
export const aBootAnswer = (interval: number, ts: string): MessageView => ({
  id: 7,
  ts,
  chargerId: 'CP-1',
  direction: 'out',
  kind: 'CALLRESULT',
  messageId: 'b1',
  action: 'BootNotification',
  raw: JSON.stringify([3, 'b1', { status: 'Accepted', currentTime: ts, interval }]),
  error: null,
});

/** CP-1's HeartbeatInterval set to `value` at `at` (ChangeConfiguration accepted). */
export const aHeartbeatSet = (value: string, at: string): OperationView => ({
  id: 11,
  chargerId: 'CP-1',
  action: 'ChangeConfiguration',
  request: { key: 'HeartbeatInterval', value },
  sentAt: at,
  finishedAt: at,
  outcome: 'completed',
  response: { status: 'Accepted' },
  error: null,
});

/** CP001's page (connectors 0 and 1): `stopped` its last ended session, `readings` connector 1's meter rows. */
export function showChargerAfterStop(stopped: TransactionView, readings: MeterValueView[]) {
  const client = fakeClient({
    'chargers:meterValues': ({ connectorId }) => (connectorId === 1 ? readings : []),
    'chargers:list': () => Object.values(useBench.getState().chargers),
    'transactions:list': ({ active }) => (active === false ? [stopped] : []),
  });
  goLive(client, { chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1)] }) }, activeTransactions: {} });
  render(withBench(client, chargerScreens, '/chargers/CP001'));
}
