// The virtual charge point's configuration keys: GetConfiguration and ChangeConfiguration answers, validation,
// profiles, saved values and change notifications. Every GetConfiguration answer must pass the wire schema.
import { describe, expect, it, vi } from 'vitest';
import { connectionKeys } from '../../../../src/main/virtual-cp/connection';
import { authorizationKeys } from '../../../../src/main/virtual-cp/services/authorization';
import { heartbeatKeys } from '../../../../src/main/virtual-cp/services/heartbeat';
import { meteringKeys } from '../../../../src/main/virtual-cp/services/metering';
import { reservationKeys } from '../../../../src/main/virtual-cp/services/reservations';
import { smartChargingKeys } from '../../../../src/main/virtual-cp/services/smart-charging';
import { transactionKeys } from '../../../../src/main/virtual-cp/services/transactions';
import { GetConfigurationResponse } from '../../../../src/shared/ocpp16';
import {
  allFeatureProfiles,
  basicAuthorization,
  ConfigurationStore,
  keyDefinitions,
  ownKeys,
  supportedMeasurands,
  type FeatureProfile,
  type KeyDefinition,
} from '../../../../src/main/virtual-cp/configuration';

const HEX_KEY = '0123456789abcdef0123456789abcdef01234567'; // 20 bytes

function store(opts: { connectors?: number; profiles?: FeatureProfile[]; values?: Record<string, string>; definitions?: KeyDefinition[] } = {}) {
  return new ConfigurationStore({ connectors: opts.connectors ?? 2, profiles: opts.profiles ?? allFeatureProfiles, values: opts.values, definitions: opts.definitions });
}

/** Parses with the wire schema, so a malformed answer fails the test where it is produced. */
function get(s: ConfigurationStore, keys?: string[]) {
  return GetConfigurationResponse.parse(s.get(keys));
}

function valueOf(s: ConfigurationStore, key: string) {
  return get(s, [key]).configurationKey?.[0]?.value;
}

const standardKeys = {
  Core: [
    'AllowOfflineTxForUnknownId',
    'AuthorizationCacheEnabled',
    'AuthorizeRemoteTxRequests',
    'BlinkRepeat',
    'ClockAlignedDataInterval',
    'ConnectionTimeOut',
    'ConnectorPhaseRotation',
    'ConnectorPhaseRotationMaxLength',
    'GetConfigurationMaxKeys',
    'HeartbeatInterval',
    'LightIntensity',
    'LocalAuthorizeOffline',
    'LocalPreAuthorize',
    'MaxEnergyOnInvalidId',
    'MeterValuesAlignedData',
    'MeterValuesAlignedDataMaxLength',
    'MeterValuesSampledData',
    'MeterValuesSampledDataMaxLength',
    'MeterValueSampleInterval',
    'MinimumStatusDuration',
    'NumberOfConnectors',
    'ResetRetries',
    'StopTransactionOnEVSideDisconnect',
    'StopTransactionOnInvalidId',
    'StopTxnAlignedData',
    'StopTxnAlignedDataMaxLength',
    'StopTxnSampledData',
    'StopTxnSampledDataMaxLength',
    'SupportedFeatureProfiles',
    'SupportedFeatureProfilesMaxLength',
    'TransactionMessageAttempts',
    'TransactionMessageRetryInterval',
    'UnlockConnectorOnEVSideDisconnect',
    'WebSocketPingInterval',
  ],
  LocalAuthListManagement: ['LocalAuthListEnabled', 'LocalAuthListMaxLength', 'SendLocalListMaxLength'],
  Reservation: ['ReserveConnectorZeroSupported'],
  SmartCharging: ['ChargeProfileMaxStackLevel', 'ChargingScheduleAllowedChargingRateUnit', 'ChargingScheduleMaxPeriods', 'ConnectorSwitch3to1PhaseSupported', 'MaxChargingProfilesInstalled'],
  Security: ['AdditionalRootCertificateCheck', 'AuthorizationKey', 'CertificateSignedMaxChainSize', 'CertificateStoreMaxLength', 'CpoName', 'SecurityProfile'],
};

describe('key definitions', () => {
  it('define every standard key of OCPP 1.6 and the Security Whitepaper once, in its profile', () => {
    const defined = keyDefinitions.map((d) => `${d.profile}/${d.key}`).sort();
    const expected = Object.entries(standardKeys)
      .flatMap(([profile, keys]) => keys.map((k) => `${profile}/${k}`))
      .sort();
    expect(defined).toEqual(expected);
  });

  it('have defaults that pass their own validation, for any charger size', () => {
    for (const connectors of [1, 2, 10]) {
      const s = store({ connectors });
      // SupportedFeatureProfiles is checked by the store's construction and cannot be set afterwards.
      for (const def of keyDefinitions.filter((d) => d.key !== 'SupportedFeatureProfiles')) {
        const value = s.string(def.key)!;
        expect(() => s.setInternal(def.key, value), def.key).not.toThrow();
        expect(s.string(def.key), def.key).toBe(value);
      }
    }
  });

  it('mark the standard read-only keys so, and only AuthorizationKey write-only', () => {
    expect(
      keyDefinitions
        .filter((d) => d.readonly)
        .map((d) => d.key)
        .sort(),
    ).toEqual([
      'AdditionalRootCertificateCheck',
      'CertificateSignedMaxChainSize',
      'CertificateStoreMaxLength',
      'ChargeProfileMaxStackLevel',
      'ChargingScheduleAllowedChargingRateUnit',
      'ChargingScheduleMaxPeriods',
      'ConnectorPhaseRotationMaxLength',
      'ConnectorSwitch3to1PhaseSupported',
      'GetConfigurationMaxKeys',
      'LocalAuthListMaxLength',
      'MaxChargingProfilesInstalled',
      'MeterValuesAlignedDataMaxLength',
      'MeterValuesSampledDataMaxLength',
      'NumberOfConnectors',
      'ReserveConnectorZeroSupported',
      'SendLocalListMaxLength',
      'StopTxnAlignedDataMaxLength',
      'StopTxnSampledDataMaxLength',
      'SupportedFeatureProfiles',
      'SupportedFeatureProfilesMaxLength',
    ]);
    expect(keyDefinitions.filter((d) => d.writeOnly).map((d) => d.key)).toEqual(['AuthorizationKey']);
  });

  it('need a reboot only for the phase rotation and the WebSocket ping interval', () => {
    expect(keyDefinitions.filter((d) => d.rebootRequired).map((d) => d.key)).toEqual(['ConnectorPhaseRotation', 'WebSocketPingInterval']);
    const s = store();
    expect(s.change('WebSocketPingInterval', '30')).toEqual({ status: 'RebootRequired' });
    expect(s.int('WebSocketPingInterval')).toBe(30);
  });
});

describe('GetConfiguration', () => {
  it('lists every visible key with its default when no key is asked for', () => {
    const s = store();
    for (const answer of [get(s), get(s, [])]) {
      const keys = answer.configurationKey!.map((k) => k.key);
      expect(keys).toHaveLength(keyDefinitions.length - 1);
      expect(keys).not.toContain('AuthorizationKey');
      expect(answer.unknownKey).toBeUndefined();
    }
    const byKey = Object.fromEntries(get(s).configurationKey!.map((k) => [k.key, k]));
    expect(byKey.HeartbeatInterval).toEqual({ key: 'HeartbeatInterval', readonly: false, value: '300' });
    expect(byKey.NumberOfConnectors).toEqual({ key: 'NumberOfConnectors', readonly: true, value: '2' });
    expect(byKey.SupportedFeatureProfiles).toEqual({ key: 'SupportedFeatureProfiles', readonly: true, value: allFeatureProfiles.join(',') });
    expect(byKey.ConnectorPhaseRotation.value).toBe('0.RST,1.RST,2.RST');
    expect(byKey.ConnectorPhaseRotationMaxLength.value).toBe('3');
    expect(byKey.MeterValuesSampledData.value).toBe('Energy.Active.Import.Register,Power.Active.Import');
    expect(byKey.MeterValuesSampledDataMaxLength.value).toBe(String(supportedMeasurands.length));
    expect(byKey.StopTxnSampledData.value).toBe('');
    expect(byKey.GetConfigurationMaxKeys).toEqual({ key: 'GetConfigurationMaxKeys', readonly: true, value: '50' });
    expect(byKey.AuthorizeRemoteTxRequests).toEqual({ key: 'AuthorizeRemoteTxRequests', readonly: false, value: 'false' });
    expect(byKey.SecurityProfile).toEqual({ key: 'SecurityProfile', readonly: false, value: '0' });
    expect(byKey.ChargingScheduleAllowedChargingRateUnit.value).toBe('Current,Power');
  });

  it('answers the keys asked for, case-insensitively under their own names, and the unknown ones as asked', () => {
    const answer = get(store(), ['heartbeatinterval', 'FooBar', 'MeterValueSampleInterval', 'HEARTBEATINTERVAL']);
    expect(answer.configurationKey).toEqual([
      { key: 'HeartbeatInterval', readonly: false, value: '300' },
      { key: 'MeterValueSampleInterval', readonly: false, value: '60' },
    ]);
    expect(answer.unknownKey).toEqual(['FooBar']);
  });

  it('never shows the write-only AuthorizationKey, even when asked for or set', () => {
    const s = store();
    expect(s.change('AuthorizationKey', HEX_KEY).status).toBe('Accepted');
    expect(get(s).configurationKey!.some((k) => k.key === 'AuthorizationKey')).toBe(false);
    expect(JSON.stringify(get(s))).not.toContain(HEX_KEY);
    expect(get(s, ['AuthorizationKey'])).toEqual({ configurationKey: [], unknownKey: ['AuthorizationKey'] });
    expect(s.string('AuthorizationKey')).toBe(HEX_KEY);
  });

  it('answers however many keys are asked for (GetConfigurationMaxKeys is the charger class to enforce)', () => {
    const s = store();
    const keys = keyDefinitions.map((d) => d.key).concat(Array.from({ length: 20 }, (_, i) => `Vendor${i}`));
    const answer = get(s, keys);
    expect(keys.length).toBeGreaterThan(s.int('GetConfigurationMaxKeys'));
    expect(answer.configurationKey).toHaveLength(keyDefinitions.length - 1);
    expect(answer.unknownKey).toHaveLength(21);
  });

  it('stays within the wire limits for a large charger', () => {
    const s = store({ connectors: 40 });
    s.change('MeterValuesSampledData', supportedMeasurands.join(','));
    expect(() => get(s)).not.toThrow();
  });
});

describe('switched-off profiles', () => {
  it('make their keys unknown to GetConfiguration, ChangeConfiguration and the accessors', () => {
    const s = store({ profiles: ['Core'] });
    const switchedOff = [...standardKeys.LocalAuthListManagement, ...standardKeys.Reservation, ...standardKeys.SmartCharging];
    const answer = get(s, switchedOff);
    expect(answer.configurationKey).toEqual([]);
    expect(answer.unknownKey).toEqual(switchedOff);
    const all = get(s).configurationKey!.map((k) => k.key);
    for (const key of switchedOff) {
      expect(all).not.toContain(key);
      expect(s.has(key)).toBe(false);
      expect(s.string(key)).toBeUndefined();
      expect(s.change(key, '1').status).toBe('NotSupported');
    }
    expect(s.string('SupportedFeatureProfiles')).toBe('Core');
    expect(s.has('SecurityProfile')).toBe(true);
  });

  it('lists the enabled profiles in the standard order, once each', () => {
    const s = store({ profiles: ['SmartCharging', 'Core', 'Reservation', 'Core'] });
    expect(s.list('SupportedFeatureProfiles')).toEqual(['Core', 'Reservation', 'SmartCharging']);
    expect(s.has('ReserveConnectorZeroSupported')).toBe(true);
    expect(s.has('LocalAuthListEnabled')).toBe(false);
  });

  it('cannot leave out Core', () => {
    expect(() => store({ profiles: ['SmartCharging'] })).toThrow(/Core/);
    expect(() => store({ connectors: 0 })).toThrow(/connector/);
  });
});

describe('ChangeConfiguration', () => {
  it('answers NotSupported for an unknown key and stores nothing', () => {
    const s = store();
    expect(s.change('NoSuchKey', '1')).toMatchObject({ status: 'NotSupported' });
    expect(s.has('NoSuchKey')).toBe(false);
    expect(s.changedValues()).toEqual({});
  });

  it('rejects read-only keys', () => {
    const s = store();
    for (const key of ['NumberOfConnectors', 'SupportedFeatureProfiles', 'GetConfigurationMaxKeys', 'MeterValuesSampledDataMaxLength', 'ReserveConnectorZeroSupported', 'ChargeProfileMaxStackLevel']) {
      const before = s.string(key);
      expect(s.change(key, key === 'ReserveConnectorZeroSupported' ? 'false' : '5'), key).toMatchObject({ status: 'Rejected', reason: expect.stringMatching(/read-only/) });
      expect(s.string(key)).toBe(before);
    }
  });

  it('accepts a valid integer, case-insensitive key, and stores it canonically', () => {
    const s = store();
    expect(s.change('heartbeatINTERVAL', ' 060 ')).toEqual({ status: 'Accepted' });
    expect(s.int('HeartbeatInterval')).toBe(60);
    expect(valueOf(s, 'HeartbeatInterval')).toBe('60');
    expect(s.change('HeartbeatInterval', '0').status).toBe('Accepted');
    expect(s.change('ClockAlignedDataInterval', '900').status).toBe('Accepted');
    expect(s.change('WebSocketPingInterval', '30').status).toBe('RebootRequired');
  });

  it('rejects bad integers and out-of-range ones, keeping the old value', () => {
    const s = store();
    for (const [key, value] of [
      ['HeartbeatInterval', 'abc'],
      ['HeartbeatInterval', '1.5'],
      ['HeartbeatInterval', ''],
      ['HeartbeatInterval', '-1'],
      ['HeartbeatInterval', '86401'],
      ['HeartbeatInterval', '1e3'],
      ['HeartbeatInterval', '99999999999999999999'],
      ['MeterValueSampleInterval', '-60'],
      ['ConnectionTimeOut', '0'],
      ['LightIntensity', '101'],
      ['ResetRetries', '11'],
      ['SecurityProfile', '4'],
    ]) {
      expect(s.change(key, value), `${key}=${value}`).toMatchObject({ status: 'Rejected', reason: expect.any(String) });
    }
    expect(s.string('HeartbeatInterval')).toBe('300');
    expect(s.changedValues()).toEqual({});
  });

  it('takes booleans in any case and stores them lowercase; anything else is rejected', () => {
    const s = store();
    expect(s.change('AuthorizeRemoteTxRequests', 'TRUE').status).toBe('Accepted');
    expect(valueOf(s, 'AuthorizeRemoteTxRequests')).toBe('true');
    expect(s.bool('AuthorizeRemoteTxRequests')).toBe(true);
    expect(s.change('LocalAuthListEnabled', 'False').status).toBe('Accepted');
    expect(s.bool('LocalAuthListEnabled')).toBe(false);
    for (const value of ['yes', '1', '0', '', 'truee']) expect(s.change('LocalPreAuthorize', value).status).toBe('Rejected');
    expect(s.bool('LocalPreAuthorize')).toBe(false);
  });

  it('accepts supported measurands, normalising the list', () => {
    const s = store();
    expect(s.change('MeterValuesSampledData', ' Voltage , Current.Import,,SoC ').status).toBe('Accepted');
    expect(valueOf(s, 'MeterValuesSampledData')).toBe('Voltage,Current.Import,SoC');
    expect(s.list('MeterValuesSampledData')).toEqual(['Voltage', 'Current.Import', 'SoC']);
    expect(s.change('StopTxnSampledData', '').status).toBe('Accepted');
    expect(s.change('StopTxnAlignedData', 'Energy.Active.Import.Register').status).toBe('Accepted');
    expect(s.change('MeterValuesAlignedData', supportedMeasurands.join(',')).status).toBe('Accepted');
  });

  it('rejects measurands the simulator cannot produce, unknown ones and repeated ones', () => {
    const s = store();
    for (const value of ['Frequency', 'Energy.Active.Import.Register,Bogus', 'voltage', 'Current.Import.L1', 'Voltage,Voltage']) {
      expect(s.change('MeterValuesSampledData', value), value).toMatchObject({ status: 'Rejected', reason: expect.any(String) });
    }
    expect(s.string('MeterValuesSampledData')).toBe('Energy.Active.Import.Register,Power.Active.Import');
  });

  it('rejects lists longer than the matching *MaxLength key', () => {
    const s = store();
    s.setInternal('MeterValuesSampledDataMaxLength', '2');
    s.setInternal('StopTxnAlignedDataMaxLength', '1');
    expect(s.change('MeterValuesSampledData', 'Voltage,Current.Import').status).toBe('Accepted');
    expect(s.change('MeterValuesSampledData', 'Voltage,Current.Import,SoC')).toMatchObject({ status: 'Rejected', reason: expect.stringMatching(/MeterValuesSampledDataMaxLength/) });
    expect(s.change('StopTxnAlignedData', 'Voltage,SoC').status).toBe('Rejected');
    expect(s.change('ConnectorPhaseRotation', '0.RST,1.RST,2.RST').status).toBe('RebootRequired');
    s.setInternal('ConnectorPhaseRotationMaxLength', '2');
    expect(s.change('ConnectorPhaseRotation', '0.RST,1.RST,2.RST').status).toBe('Rejected');
  });

  it('checks ConnectorPhaseRotation loosely: existing connectors, known rotations', () => {
    const s = store();
    expect(s.change('ConnectorPhaseRotation', '0.RST, 1.RTS, 2.notapplicable').status).toBe('RebootRequired');
    expect(s.change('ConnectorPhaseRotation', '1.Unknown').status).toBe('RebootRequired');
    for (const value of ['3.RST', '1.XYZ', 'RST', '1.RST,1.RTS', '1-RST']) expect(s.change('ConnectorPhaseRotation', value), value).toMatchObject({ status: 'Rejected' });
  });

  it('checks CpoName length', () => {
    const s = store();
    expect(s.change('CpoName', 'ChargeBench CPO').status).toBe('Accepted');
    expect(s.change('CpoName', 'x'.repeat(65)).status).toBe('Rejected');
    expect(s.string('CpoName')).toBe('ChargeBench CPO');
  });

  it('takes an AuthorizationKey of 16 to 40 printable characters, hex or not', () => {
    const s = store();
    for (const value of ['short-password', 'x'.repeat(41), 'tab\tin the middle!!', 'naïve-password-ünïcode', '']) {
      expect(s.change('AuthorizationKey', value), value).toMatchObject({ status: 'Rejected' });
    }
    expect(s.change('AuthorizationKey', 'ThisIsAPlainPassword').status).toBe('Accepted');
    expect(s.change('AuthorizationKey', HEX_KEY).status).toBe('Accepted');
    expect(s.string('AuthorizationKey')).toBe(HEX_KEY);
  });

  it('lets SecurityProfile only rise, and into Basic auth only once a password is set', () => {
    const s = store();
    expect(s.change('SecurityProfile', '1')).toMatchObject({ status: 'Rejected', reason: expect.stringMatching(/AuthorizationKey/) });
    expect(s.change('AuthorizationKey', HEX_KEY).status).toBe('Accepted');
    expect(s.change('SecurityProfile', '1').status).toBe('Accepted');
    expect(s.change('SecurityProfile', '1').status).toBe('Accepted');
    expect(s.change('SecurityProfile', '0')).toMatchObject({ status: 'Rejected', reason: expect.stringMatching(/raised/) });
    expect(s.change('SecurityProfile', '3').status).toBe('Accepted');
    expect(s.change('SecurityProfile', '2').status).toBe('Rejected');
    expect(s.int('SecurityProfile')).toBe(3);
    s.setInternal('SecurityProfile', '0');
    expect(s.int('SecurityProfile')).toBe(0);
  });

  it('answers RebootRequired for a key flagged so, and still stores the value', () => {
    const vendorKey: KeyDefinition = { key: 'VendorGridCode', profile: 'Core', readonly: false, kind: 'string', defaultValue: () => 'EU', rebootRequired: true };
    const s = store({ definitions: [...keyDefinitions, vendorKey] });
    const changed = vi.fn();
    s.onChange(changed);
    expect(s.change('VendorGridCode', 'US')).toEqual({ status: 'RebootRequired' });
    expect(valueOf(s, 'VendorGridCode')).toBe('US');
    expect(changed).toHaveBeenCalledWith('VendorGridCode', 'US');
    expect(s.changedValues()).toEqual({ VendorGridCode: 'US' });
  });
});

describe('saved values', () => {
  it('are restored, case-insensitively, and shown by GetConfiguration', () => {
    const s = store({ values: { HeartbeatInterval: '120', meterValuesSampledData: 'Voltage', AuthorizationKey: HEX_KEY, SecurityProfile: '1', CpoName: 'ACME' } });
    expect(valueOf(s, 'HeartbeatInterval')).toBe('120');
    expect(s.list('MeterValuesSampledData')).toEqual(['Voltage']);
    expect(s.string('AuthorizationKey')).toBe(HEX_KEY);
    expect(s.int('SecurityProfile')).toBe(1);
    expect(s.string('CpoName')).toBe('ACME');
  });

  it('that are unknown, invalid, of switched-off profiles or derived from the hardware are ignored', () => {
    const s = store({
      profiles: ['Core'],
      values: {
        HeartbeatInterval: 'soon',
        MeterValueSampleInterval: '-5',
        MeterValuesSampledData: 'Frequency',
        AuthorizeRemoteTxRequests: 'maybe',
        LocalAuthListEnabled: 'false',
        NumberOfConnectors: '7',
        SupportedFeatureProfiles: 'Core,SmartCharging',
        NoSuchKey: '1',
        ClockAlignedDataInterval: '900',
      },
    });
    expect(s.string('HeartbeatInterval')).toBe('300');
    expect(s.string('MeterValueSampleInterval')).toBe('60');
    expect(s.string('MeterValuesSampledData')).toBe('Energy.Active.Import.Register,Power.Active.Import');
    expect(s.bool('AuthorizeRemoteTxRequests')).toBe(false);
    expect(s.has('LocalAuthListEnabled')).toBe(false);
    expect(s.int('NumberOfConnectors')).toBe(2);
    expect(s.string('SupportedFeatureProfiles')).toBe('Core');
    expect(s.has('NoSuchKey')).toBe(false);
    expect(s.changedValues()).toEqual({ ClockAlignedDataInterval: '900' });
  });

  it('include read-only keys the charger set itself, which bound the lists restored with them', () => {
    const first = store();
    first.setInternal('MeterValuesSampledDataMaxLength', '2');
    first.change('MeterValuesSampledData', 'Voltage,SoC');
    const saved = first.changedValues();
    expect(saved).toEqual({ MeterValuesSampledDataMaxLength: '2', MeterValuesSampledData: 'Voltage,SoC' });
    const again = store({ values: saved });
    expect(again.changedValues()).toEqual(saved);
    const tooLong = store({ values: { MeterValuesSampledDataMaxLength: '1', MeterValuesSampledData: 'Voltage,SoC' } });
    expect(tooLong.string('MeterValuesSampledData')).toBe('Energy.Active.Import.Register,Power.Active.Import');
  });
});

describe('changedValues', () => {
  it('holds only what differs from the defaults', () => {
    const s = store();
    expect(s.changedValues()).toEqual({});
    s.change('HeartbeatInterval', '60');
    s.change('AuthorizeRemoteTxRequests', 'True');
    s.change('StopTransactionOnInvalidId', 'true');
    expect(s.changedValues()).toEqual({ HeartbeatInterval: '60', AuthorizeRemoteTxRequests: 'true' });
    s.change('HeartbeatInterval', '300');
    expect(s.changedValues()).toEqual({ AuthorizeRemoteTxRequests: 'true' });
  });

  it('leaves out NumberOfConnectors, which follows the charger', () => {
    const s = store();
    s.setInternal('NumberOfConnectors', '3');
    expect(s.int('NumberOfConnectors')).toBe(3);
    expect(s.change('ConnectorPhaseRotation', '3.RST').status).toBe('RebootRequired');
    expect(s.changedValues()).toEqual({ ConnectorPhaseRotation: '3.RST' });
  });
});

describe('onChange', () => {
  it('reports every stored change with the canonical key and stored value, and nothing refused', () => {
    const s = store();
    const changed = vi.fn();
    const stop = s.onChange(changed);
    s.change('heartbeatinterval', '0120');
    s.change('HeartbeatInterval', 'x');
    s.change('NumberOfConnectors', '3');
    s.change('NoSuchKey', '1');
    s.change('SecurityProfile', '2');
    s.setInternal('NumberOfConnectors', '3');
    s.change('LocalPreAuthorize', 'TRUE');
    expect(changed.mock.calls).toEqual([
      ['HeartbeatInterval', '120'],
      ['NumberOfConnectors', '3'],
      ['LocalPreAuthorize', 'true'],
    ]);
    stop();
    s.change('HeartbeatInterval', '60');
    expect(changed).toHaveBeenCalledTimes(3);
  });

  it('lets a listener unsubscribe while being called', () => {
    const s = store();
    const second = vi.fn();
    const stop = s.onChange(() => stop());
    s.onChange(second);
    s.change('HeartbeatInterval', '60');
    s.change('HeartbeatInterval', '90');
    expect(second).toHaveBeenCalledTimes(2);
  });
});

describe('accessors and setInternal', () => {
  it('read typed values', () => {
    const s = store({ connectors: 3 });
    expect(s.int('NumberOfConnectors')).toBe(3);
    expect(s.bool('LocalAuthorizeOffline')).toBe(true);
    expect(s.list('ChargingScheduleAllowedChargingRateUnit')).toEqual(['Current', 'Power']);
    expect(s.list('StopTxnSampledData')).toEqual([]);
    expect(s.string('NoSuchKey')).toBeUndefined();
    expect(s.has('authorizationkey')).toBe(true);
  });

  it('throw on a missing key or a value of another kind (programming errors)', () => {
    const s = store();
    expect(() => s.int('NoSuchKey')).toThrow();
    expect(() => s.int('MeterValuesSampledData')).toThrow();
    expect(() => s.bool('HeartbeatInterval')).toThrow();
    expect(() => s.list('NoSuchKey')).toThrow();
  });

  it('setInternal bypasses read-only but not validity', () => {
    const s = store();
    s.setInternal('GetConfigurationMaxKeys', '30');
    expect(get(s, ['GetConfigurationMaxKeys']).configurationKey).toEqual([{ key: 'GetConfigurationMaxKeys', readonly: true, value: '30' }]);
    expect(() => s.setInternal('NoSuchKey', '1')).toThrow();
    expect(() => s.setInternal('NumberOfConnectors', 'two')).toThrow();
    expect(() => s.setInternal('MeterValuesSampledData', 'Frequency')).toThrow();
    expect(() => s.setInternal('SupportedFeatureProfiles', 'Core')).toThrow(/profiles/);
    expect(() => store({ profiles: ['Core'] }).setInternal('LocalAuthListEnabled', 'true')).toThrow();
  });
});

describe('basicAuthorization', () => {
  it('sends the key as the password, user = the charge point identity', () => {
    const decode = (header: string) => Buffer.from(header.replace(/^Basic /, ''), 'base64').toString();
    expect(decode(basicAuthorization('CP-1', HEX_KEY))).toBe(`CP-1:${HEX_KEY}`);
    expect(decode(basicAuthorization('CP-1', 'plain-password-16'))).toBe('CP-1:plain-password-16');
  });
});

describe('keys a service owns', () => {
  it('are each owned by one part of the charger at most', () => {
    const owned = [connectionKeys, authorizationKeys, heartbeatKeys, meteringKeys, reservationKeys, smartChargingKeys, transactionKeys].flat();
    expect(new Set(owned).size).toBe(owned.length);
    expect(owned.every((k) => keyDefinitions.some((d) => d.key === k))).toBe(true);
  });

  it('read with the type the spec gives them, and tell of their own changes only', () => {
    const s = store();
    const keys = ownKeys(s, ['HeartbeatInterval', 'LocalPreAuthorize', 'MeterValuesSampledData', 'CpoName']);
    expect([keys.HeartbeatInterval, keys.LocalPreAuthorize, keys.MeterValuesSampledData, keys.CpoName]).toEqual([300, false, ['Energy.Active.Import.Register', 'Power.Active.Import'], '']);
    const changed = vi.fn();
    keys.onChange('HeartbeatInterval', changed);
    s.change('LightIntensity', '50');
    expect(changed).not.toHaveBeenCalled();
    s.change('heartbeatinterval', '60');
    expect(changed).toHaveBeenCalledTimes(1);
    expect(keys.HeartbeatInterval).toBe(60);
  });

  it('know the keys a switched-off profile leaves out, and refuse to read them', () => {
    const keys = ownKeys(store({ profiles: ['Core'] }), ['LocalAuthListEnabled']);
    expect(keys.has('LocalAuthListEnabled')).toBe(false);
    expect(() => keys.LocalAuthListEnabled).toThrow(/No configuration key LocalAuthListEnabled/);
  });
});
