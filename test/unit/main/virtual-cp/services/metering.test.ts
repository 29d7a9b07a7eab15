// Metering on a FakeClock: energy integrates the power that flowed, capped by the slow-charging fault;
// periodic, clock-aligned and StopTransaction samples with the measurands configured.
import { describe, expect, it } from 'vitest';
import { fakeWire } from '../../../../helpers/vcp-model';

async function charging(definition = {}) {
  const w = fakeWire(definition);
  w.cp.plug(1);
  await w.cp.presentIdTag(1, 'TAG1');
  await w.settle();
  return w;
}

describe('metering', () => {
  it('integrates the power that flowed: 22 kW for half an hour is 11 kWh; a trickle cap slows it', async () => {
    const w = await charging();
    await w.clock.advance(1_800_000);
    expect(w.cp.view().connectors[0]).toMatchObject({ powerW: 22_000, meterWh: 11_000 });
    w.cp.metering.settleAll();
    w.cp.metering.powerCapW = 230;
    w.cp.refresh();
    await w.clock.advance(3_600_000);
    expect(w.cp.view().connectors[0]).toMatchObject({ powerW: 230, meterWh: 11_230 });
  });

  it('samples every MeterValueSampleInterval with the measurands of MeterValuesSampledData, and follows a new interval', async () => {
    const w = await charging({ phases: 1, maxPowerW: 7_360 });
    w.cp.config.change('MeterValuesSampledData', 'Energy.Active.Import.Register,Current.Import,Voltage');
    const from = w.calls.length;
    await w.clock.advance(60_000);
    const mv = w.calls.slice(from).find((c) => c.action === 'MeterValues')!.payload;
    expect(mv).toMatchObject({ connectorId: 1, transactionId: 100 });
    expect(mv.meterValue[0].sampledValue.map((s: any) => [s.measurand, s.value, s.unit, s.context])).toEqual([
      ['Energy.Active.Import.Register', '123', 'Wh', 'Sample.Periodic'],
      ['Current.Import', '32.00', 'A', 'Sample.Periodic'],
      ['Voltage', '230.0', 'V', 'Sample.Periodic'],
    ]);
    w.cp.config.change('MeterValueSampleInterval', '10');
    const next = w.calls.length;
    await w.clock.advance(30_000);
    expect(w.sent(next).filter((a) => a === 'MeterValues')).toHaveLength(3);
  });

  it('sends clock-aligned data at the multiples of ClockAlignedDataInterval from midnight, for idle connectors too', async () => {
    const w = fakeWire();
    await w.clock.advance(100_000);
    w.cp.config.change('ClockAlignedDataInterval', '900');
    await w.clock.advance(799_000);
    expect(w.sent()).toEqual([]);
    await w.clock.advance(1_000);
    expect(w.calls.map((c) => [c.action, c.payload.connectorId, c.payload.meterValue[0].timestamp, c.payload.meterValue[0].sampledValue[0].context])).toEqual([
      ['MeterValues', 1, '2026-01-01T00:15:00.000Z', 'Sample.Clock'],
      ['MeterValues', 2, '2026-01-01T00:15:00.000Z', 'Sample.Clock'],
    ]);
  });

  it('gives the StopTransaction the Begin, periodic and End samples of StopTxnSampledData', async () => {
    const w = fakeWire();
    w.cp.config.change('StopTxnSampledData', 'Energy.Active.Import.Register');
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    await w.clock.advance(120_000);
    w.cp.unplug(1);
    await w.settle();
    const stop = w.calls.find((c) => c.action === 'StopTransaction')!.payload;
    expect(stop.transactionData.map((mv: any) => mv.sampledValue[0].context)).toEqual(['Transaction.Begin', 'Sample.Periodic', 'Sample.Periodic', 'Transaction.End']);
    expect(stop).toMatchObject({ reason: 'EVDisconnected', meterStop: 733 });
  });
});
