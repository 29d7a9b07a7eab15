// A handler's world in memory: a fake record that keeps what it is given, a real Authorizer over it, and
// the events published. For unit tests of one charge-point action at a time.
import { Authorizer } from '../../../../../src/main/central-system/authorizer';
import type { HandlerContext } from '../../../../../src/main/central-system/handlers/context';
import type { BenchRecord } from '../../../../../src/main/store/record';
import { defaultSettings, type BenchSettings } from '../../../../../src/shared/api/settings';
import type { BenchEvent } from '../../../../../src/shared/api/events';
import type { MeterValueRecord, TransactionRecord } from '../../../../../src/shared/records';
import { finalEnergy } from '../../../../../src/shared/api/meter';

export function fakeContext(chargerId = 'CP1', settings: Partial<BenchSettings> = {}) {
  const transactions = new Map<number, TransactionRecord>();
  const meterValues: Array<Omit<MeterValueRecord, 'id'>> = [];
  const events: Array<{ chargerId: string; action: string; data: any }> = [];
  const published: BenchEvent[] = [];
  let nextId = 1;
  const record = {
    transactions: {
      start: (t: any, _at: string) => {
        const tx = { ...t, transactionId: nextId++, meterStop: null, stopTime: null, stopReason: null, stopIdTag: null, energyWh: null, active: true };
        transactions.set(tx.transactionId, tx);
        return tx;
      },
      stop: (tx: TransactionRecord, meterStop: number, stopTime: string, reason: string, stopIdTag: string | null) => {
        const energy = finalEnergy(tx.meterStart, meterStop, 'meterStop');
        const stopped = { ...tx, meterStop, stopTime, stopReason: reason, stopIdTag, energyWh: energy.wh, ...(energy.warning ? { warning: energy.warning } : {}), active: false };
        transactions.set(tx.transactionId, stopped);
        return stopped;
      },
      list: () => [...transactions.values()].filter((t) => t.active),
      get: (id: number) => transactions.get(id) ?? null,
    },
    meterValues: {
      add: (cp: string, connectorId: number, transactionId: number | null, values: any[], _at: string) => {
        const rows = values.flatMap((mv) =>
          mv.sampledValue.map((s: any) => ({
            chargerId: cp,
            connectorId,
            transactionId,
            timestamp: mv.timestamp,
            value: s.value,
            measurand: s.measurand ?? 'Energy.Active.Import.Register',
            phase: null,
            unit: 'Wh',
            context: 'Sample.Periodic',
            location: null,
            format: 'Raw',
          })),
        );
        meterValues.push(...rows);
        return rows;
      },
    },
    events: { add: (cp: string, action: string, data: unknown) => events.push({ chargerId: cp, action, data }) },
    idTags: { list: () => [] },
  } as unknown as BenchRecord;
  const s = { ...defaultSettings, ...settings };
  const auth = new Authorizer(record, () => s);
  const ctx = (id: string): HandlerContext => ({
    chargerId: id,
    record,
    auth,
    settings: () => s,
    bootAnswer: () => ({ status: s.defaultBootStatus, interval: s.heartbeatInterval }),
    authorize: (idTag) => auth.authorize(idTag),
    emit: (e) => published.push(e),
    now: () => '2026-03-01T12:00:00.000Z',
    toldTime: () => '2026-03-01T12:00:00.000Z',
  });
  return { ctx: ctx(chargerId), as: ctx, transactions, meterValues, events, published };
}
