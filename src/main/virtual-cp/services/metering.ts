// Metering: the power each connector draws (the EV, its limits, charging profiles, the charger's shared
// maximum), the energy register that integrates it, and the sampled and clock-aligned MeterValues.
import type { MeterValue, ReadingContext, SampledValue } from '../../../shared/ocpp16';
import { every, type Timer } from '../../clock';
import { ownKeys, type OwnedKeys } from '../configuration';
import type { Connector, Model, Transaction } from '../model';

/** The configuration keys metering owns. */
export const meteringKeys = [
  'MeterValueSampleInterval',
  'MeterValuesSampledData',
  'StopTxnSampledData',
  'ClockAlignedDataInterval',
  'MeterValuesAlignedData',
  'StopTxnAlignedData',
  'MaxEnergyOnInvalidId',
] as const;

export const VOLTAGE = 230;
const BATTERY_WH = 60_000;
/** The StopTransaction's transactionData keeps the newest samples up to this many. */
const STOP_SAMPLES = 200;
const DAY_MS = 86_400_000;

export class MeteringService {
  /** The most a connector may draw, W: the slow-charging fault lowers it. */
  powerCapW = Infinity;
  private alignedTimer: Timer | null = null;
  private readonly keys: OwnedKeys<(typeof meteringKeys)[number]>;

  constructor(private readonly cp: Model) {
    this.keys = ownKeys(cp.config, meteringKeys);
    this.keys.onChange('MeterValueSampleInterval', () => {
      for (const c of cp.connectors.all) if (c.tx) this.startSampling(c, c.tx);
    });
    this.keys.onChange('ClockAlignedDataInterval', () => {
      if (cp.isAccepted) this.startAligned();
    });
  }

  /** What a connector would draw on its own: the EV, the connector's limits, its charging profiles. */
  demandW(c: Connector): number {
    const { definition, connectors, smartCharging } = this.cp;
    if (!c.tx || !c.plugged || c.evSuspended || c.fault || connectors.charger.fault || c.startFailed) return 0;
    // An idTag found invalid after the start may draw MaxEnergyOnInvalidId, then no more (OCPP 1.6, 4.8).
    if (c.tx.invalid && c.meterWh - c.tx.meterStartWh >= this.keys.MaxEnergyOnInvalidId) return 0;
    let p = definition.maxPowerW;
    if (smartCharging.enabled) p = Math.min(p, smartCharging.limitW(c.id));
    p = Math.min(p, this.powerCapW);
    return Math.max(0, p);
  }

  /**
   * The power a connector gets. ChargePointMaxProfile limits the charger as a whole (OCPP 1.6, 3.13.1),
   * so the connectors charging share it: each gets its demand, or an equal share of what is left.
   */
  targetPowerW(c: Connector): number {
    const own = this.demandW(c);
    const { smartCharging } = this.cp;
    if (own <= 0 || !smartCharging.enabled) return own;
    let budget = smartCharging.chargePointMaxW();
    if (!Number.isFinite(budget)) return own;
    const demands = this.cp.connectors.all
      .map((x) => ({ x, d: x === c ? own : this.demandW(x) }))
      .filter((e) => e.d > 0)
      .sort((a, b) => a.d - b.d);
    for (let i = 0; i < demands.length; i++) {
      const share = Math.min(demands[i].d, budget / (demands.length - i));
      if (demands[i].x === c) return share;
      budget -= share;
    }
    return own;
  }

  /** Integrates energy up to now at the power that was flowing, then sets the power for what follows. */
  settle(c: Connector): number {
    const now = this.cp.clock.now();
    if (now > c.lastSettled) c.meterWh += (c.powerW * (now - c.lastSettled)) / 3_600_000;
    c.lastSettled = now;
    c.powerW = this.targetPowerW(c);
    return c.meterWh;
  }

  settleAll(): void {
    for (const c of this.cp.connectors.all) this.settle(c);
  }

  sample(c: Connector, context: ReadingContext, measurands: string[]): MeterValue {
    const wh = this.settle(c);
    const phases = this.cp.definition.phases;
    const offeredW = Math.min(this.cp.definition.maxPowerW, this.cp.smartCharging.limitW(c.id));
    const sessionWh = c.tx ? wh - c.tx.meterStartWh : 0;
    const values: SampledValue[] = [];
    for (const m of measurands) {
      const v = (value: string, unit: SampledValue['unit'], location: SampledValue['location'] = 'Outlet') =>
        values.push({ value, context, format: 'Raw', measurand: m as SampledValue['measurand'], location, unit });
      switch (m) {
        case 'Energy.Active.Import.Register':
          v(String(Math.round(wh)), 'Wh');
          break;
        case 'Power.Active.Import':
          v(c.powerW.toFixed(1), 'W');
          break;
        case 'Current.Import':
          v((c.powerW / (VOLTAGE * phases)).toFixed(2), 'A');
          break;
        case 'Current.Offered':
          v((offeredW / (VOLTAGE * phases)).toFixed(2), 'A');
          break;
        case 'Power.Offered':
          v(offeredW.toFixed(1), 'W');
          break;
        case 'Voltage':
          v(VOLTAGE.toFixed(1), 'V');
          break;
        case 'SoC':
          v(String(Math.min(100, Math.round(20 + (sessionWh / BATTERY_WH) * 100))), 'Percent', 'EV');
          break;
        case 'Temperature':
          v((25 + c.powerW / 2000).toFixed(1), 'Celsius', 'Body');
          break;
        default:
          break;
      }
    }
    if (!values.length) values.push({ value: String(Math.round(wh)), context, format: 'Raw', measurand: 'Energy.Active.Import.Register', location: 'Outlet', unit: 'Wh' });
    return { timestamp: this.cp.iso(), sampledValue: values };
  }

  /** The Transaction.Begin sample of StopTxnSampledData, kept for the StopTransaction. */
  beginSample(c: Connector): MeterValue | null {
    const data = this.keys.StopTxnSampledData;
    return data.length ? this.sample(c, 'Transaction.Begin', data) : null;
  }

  /** Samples every MeterValueSampleInterval while the transaction runs (the interval is read again each time). */
  startSampling(c: Connector, tx: Transaction): void {
    tx.sampleTimer?.cancel();
    tx.sampleTimer = every(
      this.cp.clock,
      () => this.keys.MeterValueSampleInterval * 1000,
      () => this.samplePeriodic(c, tx),
    );
  }

  /** The transaction ends: sampling stops; its transactionData, if StopTxn*Data asks for any. */
  endSampling(c: Connector, tx: Transaction): MeterValue[] | undefined {
    this.settle(c);
    tx.sampleTimer?.cancel();
    const stopData = this.keys.StopTxnSampledData;
    const samples = [...(tx.beginSample ? [tx.beginSample] : []), ...tx.stopSamples, ...(stopData.length ? [this.sample(c, 'Transaction.End', stopData)] : [])];
    return samples.length ? samples : undefined;
  }

  /** TriggerMessage(MeterValues): a sample of every connector asked about, now. */
  triggered(connectorId: number | undefined): void {
    const { connectors } = this.cp;
    for (const c of connectorId === undefined || connectorId === 0 ? connectors.all : [connectors.all[connectorId - 1]]) {
      const mv = this.sample(c, 'Trigger', this.keys.MeterValuesSampledData);
      void this.cp.call('MeterValues', { connectorId: c.id, ...(c.tx?.transactionId != null ? { transactionId: c.tx.transactionId } : {}), meterValue: [mv] });
    }
  }

  /** Clock-aligned data from the next multiple of ClockAlignedDataInterval after midnight (UTC). */
  startAligned(): void {
    this.alignedTimer?.cancel();
    const interval = this.keys.ClockAlignedDataInterval * 1000;
    if (!(interval > 0)) return;
    // An interval that does not divide the day restarts at the next midnight.
    const now = this.cp.clock.now();
    const midnight = Math.floor(now / DAY_MS) * DAY_MS;
    const next = Math.min(midnight + Math.ceil((now - midnight + 1) / interval) * interval, midnight + DAY_MS);
    this.alignedTimer = this.cp.clock.after(next - now, () => {
      this.alignedTimer = null;
      this.sendAligned();
      this.startAligned();
    });
  }

  /** The power goes: no more samples. */
  powerDown(): void {
    this.alignedTimer?.cancel();
    this.alignedTimer = null;
    for (const c of this.cp.connectors.all) c.tx?.sampleTimer?.cancel();
  }

  private samplePeriodic(c: Connector, tx: Transaction): void {
    if (c.tx !== tx) return;
    const stopData = this.keys.StopTxnSampledData;
    if (stopData.length) this.keepForStop(tx, this.sample(c, 'Sample.Periodic', stopData));
    const measurands = this.keys.MeterValuesSampledData;
    if (measurands.length) this.cp.transactions.enqueue('MeterValues', tx.localTx, { connectorId: c.id, meterValue: [this.sample(c, 'Sample.Periodic', measurands)] });
    this.cp.refresh();
  }

  private sendAligned(): void {
    const stopData = this.keys.StopTxnAlignedData;
    if (stopData.length) for (const c of this.cp.connectors.all) if (c.tx) this.keepForStop(c.tx, this.sample(c, 'Sample.Clock', stopData));
    const measurands = this.keys.MeterValuesAlignedData;
    if (!measurands.length) return;
    for (const c of this.cp.connectors.all) {
      const mv = this.sample(c, 'Sample.Clock', measurands);
      if (c.tx) this.cp.transactions.enqueue('MeterValues', c.tx.localTx, { connectorId: c.id, meterValue: [mv] });
      else if (this.cp.isAccepted) void this.cp.call('MeterValues', { connectorId: c.id, meterValue: [mv] });
    }
  }

  /** Samples of StopTxnSampledData / StopTxnAlignedData go with the StopTransaction (the oldest make way for the newest). */
  private keepForStop(tx: Transaction, mv: MeterValue): void {
    tx.stopSamples.push(mv);
    if (tx.stopSamples.length > STOP_SAMPLES) tx.stopSamples.shift();
  }
}
