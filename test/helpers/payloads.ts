// Builders of valid OCPP 1.6 payloads for tests: one request per central-system action and the answer
// a good charger gives to it.
import type { CentralSystemAction, RequestOf, ResponseOf } from '../../src/shared/ocpp16';

const ts = () => new Date().toISOString();
const schedule = {
  chargingRateUnit: 'A' as const,
  chargingSchedulePeriod: [
    { startPeriod: 0, limit: 16 },
    { startPeriod: 600, limit: 8.5, numberPhases: 3 },
  ],
};
const hash = { hashAlgorithm: 'SHA256' as const, issuerNameHash: 'a1', issuerKeyHash: 'b2', serialNumber: 'c3' };

export const operationRequests: { [A in CentralSystemAction]: RequestOf<A> } = {
  CancelReservation: { reservationId: 7 },
  ChangeAvailability: { connectorId: 1, type: 'Inoperative' },
  ChangeConfiguration: { key: 'HeartbeatInterval', value: '60' },
  ClearCache: {},
  ClearChargingProfile: { id: 3 },
  DataTransfer: { vendorId: 'com.example', messageId: 'ping', data: 'hello' },
  GetCompositeSchedule: { connectorId: 1, duration: 3600, chargingRateUnit: 'A' },
  GetConfiguration: { key: ['HeartbeatInterval'] },
  GetDiagnostics: { location: 'ftp://127.0.0.1/diag' },
  GetLocalListVersion: {},
  RemoteStartTransaction: {
    idTag: 'REMOTE1',
    connectorId: 1,
    chargingProfile: { chargingProfileId: 9, stackLevel: 0, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative', chargingSchedule: schedule },
  },
  RemoteStopTransaction: { transactionId: 1 },
  ReserveNow: { connectorId: 1, expiryDate: new Date(Date.now() + 3600_000).toISOString(), idTag: 'RES1', reservationId: 7 },
  Reset: { type: 'Soft' },
  SendLocalList: { listVersion: 3, updateType: 'Full', localAuthorizationList: [{ idTag: 'TAG1', idTagInfo: { status: 'Accepted' } }] },
  SetChargingProfile: {
    connectorId: 1,
    csChargingProfiles: { chargingProfileId: 3, stackLevel: 1, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute', chargingSchedule: { ...schedule, startSchedule: ts() } },
  },
  TriggerMessage: { requestedMessage: 'StatusNotification', connectorId: 1 },
  UnlockConnector: { connectorId: 1 },
  UpdateFirmware: { location: 'http://127.0.0.1/fw.bin', retrieveDate: ts(), retries: 2 },
  CertificateSigned: { certificateChain: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
  DeleteCertificate: { certificateHashData: hash },
  ExtendedTriggerMessage: { requestedMessage: 'SignChargePointCertificate' },
  GetInstalledCertificateIds: { certificateType: 'CentralSystemRootCertificate' },
  GetLog: { logType: 'DiagnosticsLog', requestId: 4, log: { remoteLocation: 'https://127.0.0.1/logs' } },
  InstallCertificate: { certificateType: 'ManufacturerRootCertificate', certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
  SignedUpdateFirmware: { requestId: 5, firmware: { location: 'https://127.0.0.1/fw.bin', retrieveDateTime: ts(), signingCertificate: 'CERT', signature: 'SIG' } },
};

export const chargerAnswers: { [A in CentralSystemAction]: ResponseOf<A> } = {
  CancelReservation: { status: 'Accepted' },
  ChangeAvailability: { status: 'Scheduled' },
  ChangeConfiguration: { status: 'RebootRequired' },
  ClearCache: { status: 'Accepted' },
  ClearChargingProfile: { status: 'Unknown' },
  DataTransfer: { status: 'Accepted', data: 'pong' },
  GetCompositeSchedule: {
    status: 'Accepted',
    connectorId: 1,
    scheduleStart: ts(),
    chargingSchedule: { chargingRateUnit: 'A', duration: 3600, chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
  },
  GetConfiguration: { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: [] },
  GetDiagnostics: { fileName: 'diag-2024.log' },
  GetLocalListVersion: { listVersion: 2 },
  RemoteStartTransaction: { status: 'Accepted' },
  RemoteStopTransaction: { status: 'Accepted' },
  ReserveNow: { status: 'Occupied' },
  Reset: { status: 'Accepted' },
  SendLocalList: { status: 'Accepted' },
  SetChargingProfile: { status: 'Accepted' },
  TriggerMessage: { status: 'Accepted' },
  UnlockConnector: { status: 'UnlockFailed' },
  UpdateFirmware: {},
  CertificateSigned: { status: 'Accepted' },
  DeleteCertificate: { status: 'NotFound' },
  ExtendedTriggerMessage: { status: 'Accepted' },
  GetInstalledCertificateIds: { status: 'Accepted', certificateHashData: [hash] },
  GetLog: { status: 'Accepted', filename: 'log.txt' },
  InstallCertificate: { status: 'Accepted' },
  SignedUpdateFirmware: { status: 'Accepted' },
};
