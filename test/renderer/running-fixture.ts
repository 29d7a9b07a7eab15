// The running-session tests' bench: CP001 with three sessions the record holds open (transactions 41, 42
// and 43 on connectors 1, 2 and 3, started 10 minutes ago), its connectors as each test gives them; and the
// conformance cases the start-run form offers.
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { ChargerView, ConnectorView } from '../../src/shared/api/views';
import type { CaseInfo } from '../../src/shared/api/test-runs';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';

export const runningCases = [
  { id: 'TC_001_CS', title: 'Cold Boot Charge Point', profile: 'Core', section: '2.1.1', decisions: [], notSupported: null },
  { id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1', decisions: [], notSupported: null },
] as unknown as CaseInfo[];

/** CP001 with connectors 1 to 3 as given, a session the record holds open on each. */
export function threeOpenSessions(connectors: [ConnectorView, ConnectorView, ConnectorView], boot?: ChargerView['boot']): void {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: { CP001: aCharger('CP001', { virtual: false, connectors: [aConnector(0), ...connectors], ...(boot ? { boot } : {}) }) },
    activeTransactions: {
      41: aTransaction(41, 'CP001', 1, 'TAG-ALICE', { receivedAt: minutesAgo(10) }),
      42: aTransaction(42, 'CP001', 2, 'TAG-BOB', { receivedAt: minutesAgo(10) }),
      43: aTransaction(43, 'CP001', 3, 'TAG-CAROL', { receivedAt: minutesAgo(10) }),
    },
    meter: {},
  });
}

export const acmeBoot = { chargePointVendor: 'Acme', chargePointModel: 'Wall 22' } as ChargerView['boot'];

/** When the bench received the newer session's StartTransaction (supersededOnConnector1). */
export const newerAt = minutesAgo(5);

/** CP001 charging on connector 1 in session 19 (TAG-NEW); the record still holds the older 10 (TAG-OLD) open there. */
export function supersededOnConnector1(): void {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    snapshots: 1,
    chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: minutesAgo(4) })] }) },
    activeTransactions: {
      10: aTransaction(10, 'CP001', 1, 'TAG-OLD', { receivedAt: minutesAgo(70), startTime: minutesAgo(70) }),
      19: aTransaction(19, 'CP001', 1, 'TAG-NEW', { receivedAt: newerAt, startTime: newerAt }),
    },
    meter: {},
  });
}
