// What the central system answers to each action a charge point initiates, and what it records.
// The map is typed so that leaving out a charge-point action is a compile error.
import type { ChargePointAction, IdTagInfo, RegistrationStatus, RequestOf, ResponseOf } from '../../shared/ocpp16';
import type { BenchEvent, BenchSettings } from '../../shared/api/views';
import type { BenchRecord } from '../store/record';
import type { Authorizer } from './authorizer';

export interface HandlerContext {
  chargerId: string;
  record: BenchRecord;
  auth: Authorizer;
  settings(): BenchSettings;
  bootPolicy(chargerId: string): RegistrationStatus;
  emit(event: BenchEvent): void;
  now(): string;
}

export type ChargePointHandlers = { [A in ChargePointAction]: (ctx: HandlerContext, req: RequestOf<A>) => ResponseOf<A> };

export const chargePointHandlers: ChargePointHandlers = {
  BootNotification(ctx, req) {
    const now = ctx.now();
    const status = ctx.bootPolicy(ctx.chargerId);
    ctx.record.boot(ctx.chargerId, status, req, now);
    ctx.emit({ type: 'bootNotification', chargerId: ctx.chargerId, boot: req, status, ts: now });
    return { status, currentTime: now, interval: ctx.settings().heartbeatInterval };
  },

  Heartbeat(ctx) {
    const now = ctx.now();
    ctx.record.heartbeat(ctx.chargerId, now);
    return { currentTime: now };
  },

  StatusNotification(ctx, req) {
    const now = ctx.now();
    const connector = ctx.record.status(ctx.chargerId, req, now);
    ctx.emit({ type: 'statusChanged', chargerId: ctx.chargerId, connector, ts: now });
    return {};
  },

  Authorize(ctx, req) {
    return { idTagInfo: ctx.auth.authorize(req.idTag) };
  },

  StartTransaction(ctx, req) {
    const now = ctx.now();
    let idTagInfo: IdTagInfo = ctx.auth.authorize(req.idTag);
    if (idTagInfo.status === 'Accepted' && ctx.auth.activeTransactionOf(req.idTag)) idTagInfo = { ...idTagInfo, status: 'ConcurrentTx' };
    const tx = ctx.record.startTransaction(
      { chargerId: ctx.chargerId, connectorId: req.connectorId, idTag: req.idTag, authStatus: idTagInfo.status, reservationId: req.reservationId ?? null, meterStart: req.meterStart, startTime: req.timestamp },
      now,
    );
    ctx.auth.transactionStarted(tx);
    ctx.emit({ type: 'transactionStarted', transaction: tx, ts: now });
    return { transactionId: tx.transactionId, idTagInfo };
  },

  StopTransaction(ctx, req) {
    const now = ctx.now();
    const reason = req.reason ?? 'Local';
    const running = ctx.auth.openTransaction(req.transactionId);
    // Only the charger's own running transaction is stopped: a second stop, or another charger's, changes
    // nothing (the first stop is kept) and is recorded as a warning. The answer is the spec's either way.
    const mine = running?.chargerId === ctx.chargerId ? ctx.auth.transactionStopped(req.transactionId)! : null;
    const stopped = mine ? ctx.record.stopTransaction(mine, req.meterStop, req.timestamp, reason, req.idTag ?? null) : null;
    if (req.transactionData?.length) ctx.record.meterValues(ctx.chargerId, stopped?.connectorId ?? 0, stopped ? req.transactionId : null, req.transactionData, now);
    if (stopped) ctx.emit({ type: 'transactionStopped', transaction: stopped, ts: now });
    else ctx.record.event(ctx.chargerId, 'StopTransaction', { warning: notOwnTransaction(ctx, req.transactionId, 'StopTransaction'), request: req }, now);
    return req.idTag !== undefined ? { idTagInfo: ctx.auth.authorize(req.idTag) } : {};
  },

  MeterValues(ctx, req) {
    const now = ctx.now();
    let transactionId = req.transactionId ?? null;
    if (transactionId !== null && ctx.auth.ownerOf(transactionId) !== ctx.chargerId) {
      // Kept as the charger's readings, not as the transaction's: another charger cannot feed it.
      ctx.record.event(ctx.chargerId, 'MeterValues', { warning: notOwnTransaction(ctx, transactionId, 'MeterValues'), request: req }, now);
      transactionId = null;
    }
    const values = ctx.record.meterValues(ctx.chargerId, req.connectorId, transactionId, req.meterValue, now);
    ctx.emit({ type: 'meterValues', chargerId: ctx.chargerId, connectorId: req.connectorId, transactionId, values, ts: now });
    return {};
  },

  DataTransfer(ctx, req) {
    ctx.record.event(ctx.chargerId, 'DataTransfer', req, ctx.now());
    // The bench implements no vendor extension; the spec's answer for that is UnknownVendorId.
    return { status: 'UnknownVendorId' };
  },

  DiagnosticsStatusNotification(ctx, req) {
    const now = ctx.now();
    ctx.record.diagnosticsStatus(ctx.chargerId, req.status);
    ctx.record.event(ctx.chargerId, 'DiagnosticsStatusNotification', req, now);
    ctx.emit({ type: 'diagnosticsStatus', chargerId: ctx.chargerId, status: req.status, ts: now });
    return {};
  },

  FirmwareStatusNotification(ctx, req) {
    const now = ctx.now();
    ctx.record.firmwareStatus(ctx.chargerId, req.status);
    ctx.record.event(ctx.chargerId, 'FirmwareStatusNotification', req, now);
    ctx.emit({ type: 'firmwareStatus', chargerId: ctx.chargerId, status: req.status, ts: now });
    return {};
  },

  SignedFirmwareStatusNotification(ctx, req) {
    const now = ctx.now();
    ctx.record.firmwareStatus(ctx.chargerId, req.status);
    ctx.record.event(ctx.chargerId, 'SignedFirmwareStatusNotification', req, now);
    ctx.emit({ type: 'firmwareStatus', chargerId: ctx.chargerId, status: req.status, ts: now });
    return {};
  },

  SecurityEventNotification(ctx, req) {
    ctx.record.event(ctx.chargerId, 'SecurityEventNotification', req, ctx.now());
    return {};
  },

  LogStatusNotification(ctx, req) {
    ctx.record.event(ctx.chargerId, 'LogStatusNotification', req, ctx.now());
    return {};
  },

  SignCertificate(ctx, req) {
    // The CSR is kept for the user, who answers it with a CertificateSigned operation.
    ctx.record.event(ctx.chargerId, 'SignCertificate', req, ctx.now());
    return { status: 'Accepted' };
  },
};

/** Why a StopTransaction or MeterValues was not applied to the transaction it names. */
function notOwnTransaction(ctx: HandlerContext, transactionId: number, action: 'StopTransaction' | 'MeterValues'): string {
  const owner = ctx.auth.ownerOf(transactionId);
  if (owner === null) return `${action} for transaction ${transactionId}, which the bench never started: not applied`;
  if (owner !== ctx.chargerId) return `${action} from ${ctx.chargerId} for transaction ${transactionId}, which belongs to charger ${owner}: not applied to it`;
  return `${action} for transaction ${transactionId}, which is already stopped: the first stop is kept`;
}
