// A fake BenchClient for component tests: answers calls from a table of handlers, records every call,
// and lets a test push events as the bench would.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { ThemeProvider } from '@mui/material/styles';
import type { BenchClient, LinkState } from '../../src/renderer/src/api/client';
import { CallFailure, EventBatcher, LinkWatch } from '../../src/renderer/src/api/client';
import { ClientContext } from '../../src/renderer/src/api/context';
import { makeTheme } from '../../src/renderer/src/app/theme';
import { initialBenchState, reduceEvents, useBench } from '../../src/renderer/src/stores/bench';
import type { BenchArgs, BenchCallResults, BenchMethod, OperateArgs } from '../../src/shared/api/contract';
import type { BenchEvent, ChargerView } from '../../src/shared/api/views';

export type Handlers = { [M in BenchMethod]?: (args: BenchArgs<M>) => BenchCallResults[M] | Promise<BenchCallResults[M]> };

export interface FakeClient extends BenchClient {
  calls: Array<{ method: BenchMethod; args: unknown }>;
  /** The `ref` of each operation sent, in order. */
  refs: string[];
  callsOf<M extends BenchMethod>(method: M): BenchArgs<M>[];
  emit(events: BenchEvent[]): void;
  setLink(state: LinkState): void;
  handlers: Handlers;
}

export function fakeClient(handlers: Handlers = {}): FakeClient {
  const batcher = new EventBatcher(0);
  // Never silent: a test feeds its client when it wants, and moves time as it likes.
  const link = new LinkWatch(Infinity);
  link.set('open');
  const calls: FakeClient['calls'] = [];
  const client: FakeClient = {
    face: 'serve',
    calls,
    refs: [],
    handlers,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.args) as never,
    async call(method, args) {
      calls.push({ method, args });
      const h = client.handlers[method] as ((a: unknown) => unknown) | undefined;
      if (!h) throw new CallFailure({ status: 501, message: `fake client: no handler for ${method}` });
      return (await h(args)) as never;
    },
    operate: (args) => {
      // The UI's name for an operation (to follow its operationChanged events) is bookkeeping, not what it
      // sends: the calls record the rest, and `refs` the names, in order.
      const { ref, ...sent } = args as OperateArgs & { ref?: string };
      if (ref !== undefined) client.refs.push(ref);
      return client.call('chargers:operate', sent as OperateArgs) as never;
    },
    subscribe: (l) => batcher.subscribe(l),
    onLink: (l) => link.subscribe(l),
    emit: (events) => {
      batcher.push(events);
      batcher.flush();
    },
    setLink: (s) => link.set(s),
    exportMessages: async () => ({ saved: true, where: 'test.json' }),
    exportTransactions: async () => ({ saved: true, where: 'test.csv' }),
    hostFile: async () => ({
      url: 'http://127.0.0.1:1/files/x/fw.bin',
      ftpUrl: 'ftp://fw-000000000001:00000000000000000000000000000001@127.0.0.1:2121/fw.bin',
      name: 'fw.bin',
      size: 3,
      alternatives: [],
      ftpAlternatives: [],
      hostedAt: '2025-01-01T10:00:00Z',
      expiresAt: '2025-01-02T10:00:00Z',
    }),
    downloadUpload: async () => ({ saved: true, where: 'test download' }),
    downloadReport: async () => ({ saved: true, where: 'test download' }),
    downloadCommissioningFile: async () => ({ saved: true, where: 'test download' }),
    close: () => {
      batcher.dispose();
      link.dispose();
    },
  };
  return client;
}

/** Wraps a screen in what the app gives it: theme, client, router. */
export function withBench(client: BenchClient, ui: ReactNode, path = '/') {
  return (
    <ThemeProvider theme={makeTheme('light')}>
      <ClientContext.Provider value={client}>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </ClientContext.Provider>
    </ThemeProvider>
  );
}

/** The store as connectStore leaves it once loaded, fed by the fake client's events; returns the unsubscribe. */
export function liveBench(client: FakeClient, state: Partial<typeof initialBenchState> = {}) {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1, ...state }, true);
  return client.subscribe((events) => useBench.setState((s) => reduceEvents(s, events)));
}

/**
 * Each test of the file starts on a loaded bench (link open) holding `state()`, and ends unmounted with the
 * store as at the app's start. The function returned makes the store live for the rest of the test
 * (liveBench: `client`'s events feed it), unsubscribed when the test ends.
 */
export function benchPerTest(state: () => Partial<typeof initialBenchState> = () => ({})): (client: FakeClient, live?: Partial<typeof initialBenchState>) => void {
  let off: (() => void) | null = null;
  beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1, ...state() }));
  afterEach(() => {
    off?.();
    off = null;
    cleanup();
    useBench.setState(initialBenchState);
  });
  return (client, live = {}) => {
    off = liveBench(client, live);
  };
}

/** jsdom has no layout and no ResizeObserver (the chart library and the tables measure their container): a silent one. */
export function stubResizeObserver() {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

/**
 * jsdom does not scroll: from here on an element keeps the scrollTop it is given, and setting it fires
 * 'scroll' (as a list scrolled by the user would). Returns what puts jsdom's scrollTop back.
 */
export function letElementsScroll(): () => void {
  const saved = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop');
  const scrolled = new WeakMap<Element, number>();
  Object.defineProperty(Element.prototype, 'scrollTop', {
    configurable: true,
    get() {
      return scrolled.get(this) ?? 0;
    },
    set(v: number) {
      scrolled.set(this, v);
      this.dispatchEvent(new Event('scroll'));
    },
  });
  return () => {
    if (saved) Object.defineProperty(Element.prototype, 'scrollTop', saved);
  };
}

/** Shows the router's current path and query, for tests that check where a click leads. */
export function Where() {
  const l = useLocation();
  return <div data-testid="where">{l.pathname + l.search}</div>;
}

/** Screens at their routes (route → screen); with `where`, the router's path and query shown too (Where). */
export function routed(routes: Record<string, ReactNode>, where = false) {
  return (
    <>
      <Routes>
        {Object.entries(routes).map(([path, element]) => (
          <Route key={path} path={path} element={element} />
        ))}
      </Routes>
      {where && <Where />}
    </>
  );
}

/** A connected, accepted real charger as the bench lists it, changed by `patch`. */
export const aCharger = (id: string, patch: Partial<ChargerView> = {}): ChargerView => ({
  id,
  connected: true,
  firstSeen: '2025-01-01T09:00:00Z',
  lastSeen: '2025-01-01T10:00:00Z',
  lastHeartbeat: null,
  remoteAddress: '127.0.0.1',
  bootPolicy: null,
  registrationStatus: 'Accepted',
  lastBoot: null,
  boot: null,
  firmwareStatus: null,
  diagnosticsStatus: null,
  hasPassword: false,
  registered: false,
  virtual: false,
  connectors: [],
  ...patch,
});

/** A connected charger `id` seen at 10:00 with connectors 0 and 1 Available. */
export function anIdleCharger(id: string): ChargerView {
  const ts = '2025-01-01T10:00:00Z';
  const connectors = [0, 1].map((connectorId) => ({
    connectorId,
    status: 'Available' as const,
    errorCode: 'NoError' as const,
    info: null,
    vendorId: null,
    vendorErrorCode: null,
    timestamp: null,
    updatedAt: ts,
  }));
  return aCharger(id, { firstSeen: ts, lastSeen: ts, connectors });
}

/** The test file's browser in time zone `zone` (the screens write local time), put back after the file. */
export function inTimeZone(zone: string) {
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  });
}
