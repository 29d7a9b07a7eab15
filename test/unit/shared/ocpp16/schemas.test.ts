// Our zod schemas against the official OCPP 1.6 JSON schemas (as shipped by ocpp-rpc): they must
// accept and reject the same payloads.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { createValidator } from 'ocpp-rpc';
import { actions, allActions, centralSystemActions, chargePointActions } from '../../../../src/shared/ocpp16';

const require = createRequire(import.meta.url);
const official = createValidator('ocpp1.6', require('ocpp-rpc/lib/schemas/ocpp1_6.json'));
const officialAccepts = (id: string, payload: unknown) => {
  try {
    official.validate(id, payload);
    return true;
  } catch {
    return false;
  }
};

const ts = '2024-05-01T10:00:00.000Z';
const profile = {
  chargingProfileId: 1,
  stackLevel: 0,
  chargingProfilePurpose: 'TxDefaultProfile',
  chargingProfileKind: 'Absolute',
  chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16.5 }] },
};
const samples: Record<string, unknown[]> = {
  'BootNotification.req': [
    { chargePointVendor: 'ACME', chargePointModel: 'X1' },
    { chargePointVendor: 'ACME', chargePointModel: 'X1', firmwareVersion: 'f'.repeat(51) },
    { chargePointVendor: 'A' },
    { chargePointVendor: 'A', chargePointModel: 'B', foo: 1 },
  ],
  'BootNotification.conf': [
    { status: 'Accepted', currentTime: ts, interval: 300 },
    { status: 'Maybe', currentTime: ts, interval: 300 },
    { status: 'Accepted', currentTime: ts, interval: '300' },
  ],
  'StatusNotification.req': [
    { connectorId: 0, errorCode: 'NoError', status: 'Available' },
    { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: ts, info: 'i'.repeat(51) },
    { connectorId: 1, errorCode: 'Oops', status: 'Available' },
  ],
  'MeterValues.req': [
    { connectorId: 1, meterValue: [{ timestamp: ts, sampledValue: [{ value: '1', measurand: 'Power.Active.Import', unit: 'W', phase: 'L1' }] }] },
    { connectorId: 1, meterValue: [{ timestamp: ts, sampledValue: [{ value: 1 }] }] },
  ],
  'StartTransaction.req': [
    { connectorId: 1, idTag: 'TAG', meterStart: 0, timestamp: ts },
    { connectorId: 1, idTag: 'TAG', meterStart: 0, timestamp: 'now' },
    { connectorId: 1, idTag: 'T'.repeat(21), meterStart: 0, timestamp: ts },
  ],
  'StopTransaction.req': [
    { meterStop: 10, timestamp: ts, transactionId: 1, reason: 'EVDisconnected' },
    { meterStop: 10, timestamp: ts, transactionId: 1, reason: 'Unplugged' },
  ],
  'SetChargingProfile.req': [{ connectorId: 1, csChargingProfiles: profile }, { connectorId: 1, csChargingProfiles: { ...profile, chargingProfileKind: 'Sometimes' } }, { connectorId: 1 }],
  'RemoteStartTransaction.req': [{ idTag: 'TAG', connectorId: 1, chargingProfile: { ...profile, chargingProfilePurpose: 'TxProfile' } }, { connectorId: 1 }],
  'GetConfiguration.conf': [{ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['Foo'] }, { configurationKey: [{ key: 'K', readonly: 'no' }] }],
  'UpdateFirmware.req': [{ location: 'http://example.com/fw.bin', retrieveDate: ts }, { location: 'http://example.com/fw.bin' }],
  'SendLocalList.req': [
    { listVersion: 2, updateType: 'Full', localAuthorizationList: [{ idTag: 'A', idTagInfo: { status: 'Accepted' } }] },
    { listVersion: 2, updateType: 'Partial' },
  ],
  'SignedUpdateFirmware.req': [
    { requestId: 1, firmware: { location: 'http://x/f', retrieveDateTime: ts, signingCertificate: 'C', signature: 'S' } },
    { requestId: 1, firmware: { location: 'http://x/f' } },
  ],
  'SecurityEventNotification.req': [{ type: 'FirmwareUpdated', timestamp: ts }, { type: 'FirmwareUpdated' }],
  'ExtendedTriggerMessage.req': [{ requestedMessage: 'SignChargePointCertificate' }, { requestedMessage: 'DiagnosticsStatusNotification' }],
};

describe('OCPP 1.6 schemas', () => {
  it('cover all 28 core actions (DataTransfer both ways) and the 11 security-extension actions', () => {
    expect(allActions).toHaveLength(39);
    expect(chargePointActions).toHaveLength(10 + 4);
    expect(centralSystemActions).toHaveLength(19 + 7);
  });

  it('accept and reject the same payloads as the official JSON schemas', () => {
    let checked = 0;
    for (const [id, payloads] of Object.entries(samples)) {
      const [action, side] = id.split('.') as [keyof typeof actions, 'req' | 'conf'];
      const schema = side === 'req' ? actions[action].request : actions[action].response;
      for (const p of payloads) {
        expect({ id, p, ours: schema.safeParse(p).success }).toEqual({ id, p, ours: officialAccepts(`urn:${id}`, p) });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('every action has a request and a response schema that accept a known-good empty-ish payload where the spec allows', () => {
    for (const a of ['Heartbeat', 'ClearCache', 'GetLocalListVersion', 'GetConfiguration', 'GetInstalledCertificateIds'] as const) {
      const empty = a === 'GetInstalledCertificateIds' ? { certificateType: 'CentralSystemRootCertificate' } : {};
      expect(actions[a].request.safeParse(empty).success).toBe(officialAccepts(`urn:${a}.req`, empty));
    }
  });
});
