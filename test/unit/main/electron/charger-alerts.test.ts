// The desktop's charger notifications: one per burst, not one per charger, and only on a change to Faulted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChargerAlerts, type Alert } from '../../../../src/main/electron/charger-alerts';
import type { BenchEvent } from '../../../../src/shared/api/views';
import type { ConnectorRecord } from '../../../../src/shared/records';
import { aConnectorRecord } from '../../../helpers/records';

const connected = (chargerId: string, remoteAddress: string | null = '192.168.1.20'): BenchEvent => ({ type: 'chargerConnected', chargerId, remoteAddress, ts: '' });
const status = (chargerId: string, connectorId: number, s: ConnectorRecord['status'], errorCode: ConnectorRecord['errorCode'] = s === 'Faulted' ? 'GroundFailure' : 'NoError'): BenchEvent => ({
  type: 'statusChanged',
  chargerId,
  ts: '',
  connector: aConnectorRecord({ connectorId, status: s, errorCode, updatedAt: '' }),
});

let shown: Alert[];
let alerts: ChargerAlerts;

beforeEach(() => {
  vi.useFakeTimers();
  shown = [];
  alerts = new ChargerAlerts((a) => shown.push(a), { gatherMs: 1500, minGapMs: 10_000 });
});
afterEach(() => {
  alerts.dispose();
  vi.useRealTimers();
});

describe('charger notifications', () => {
  it('one charger connecting: its name and address, after a short wait', () => {
    alerts.onEvent(connected('CP-1'));
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1500);
    expect(shown).toEqual([{ title: 'CP-1 connected', body: 'From 192.168.1.20', chargerId: 'CP-1' }]);
  });

  it('500 chargers connecting at once: one notification', () => {
    for (let i = 1; i <= 500; i++) alerts.onEvent(connected(`CP-${i}`));
    vi.advanceTimersByTime(2000);
    expect(shown).toEqual([{ title: '500 chargers connected', body: 'CP-1, CP-2, CP-3 and 497 more' }]);
  });

  it('a steady stream of connections: at most one notification every 10 s', () => {
    for (let s = 0; s < 60; s++) {
      alerts.onEvent(connected(`CP-${s}`));
      vi.advanceTimersByTime(1000);
    }
    vi.advanceTimersByTime(10_000);
    expect(shown.length).toBeLessThanOrEqual(7);
    const total = shown.reduce((n, a) => n + (a.title.match(/^(\d+) chargers/) ? Number(a.title.split(' ')[0]) : 1), 0);
    expect(total).toBe(60);
  });

  it('a fault: when a connector turns Faulted, not while it stays Faulted', () => {
    alerts.onEvent(status('CP-1', 1, 'Available'));
    alerts.onEvent(status('CP-1', 2, 'Faulted'));
    vi.advanceTimersByTime(1500);
    expect(shown).toEqual([{ title: 'CP-1 is faulted', body: 'Connector 2: GroundFailure', chargerId: 'CP-1' }]);
    alerts.onEvent(status('CP-1', 2, 'Faulted'));
    vi.advanceTimersByTime(20_000);
    expect(shown).toHaveLength(1);
    alerts.onEvent(status('CP-1', 2, 'Available'));
    alerts.onEvent(status('CP-1', 2, 'Faulted', 'OverCurrentFailure'));
    vi.advanceTimersByTime(1500);
    expect(shown.at(-1)).toEqual({ title: 'CP-1 is faulted', body: 'Connector 2: OverCurrentFailure', chargerId: 'CP-1' });
  });

  it('faults of several chargers together, shown before the connections', () => {
    alerts.onEvent(connected('CP-9'));
    alerts.onEvent(status('CP-1', 0, 'Faulted'));
    alerts.onEvent(status('CP-2', 1, 'Faulted'));
    vi.advanceTimersByTime(1500);
    expect(shown.map((a) => a.title)).toEqual(['2 chargers faulted', 'CP-9 connected']);
    expect(shown[0].body).toBe('CP-1 and CP-2');
  });
});
