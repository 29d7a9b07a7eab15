// The standard configuration keys of OCPP 1.6 (section 9) and of its Security Whitepaper, as the spec lists
// them: the one list the virtual charger (defaults, validation) and the bench UI (key pickers) build on.
import type { ActionProfile } from './actions';

/** R: read-only; RW: read and write; W: write-only (never shown by GetConfiguration). */
export type KeyAccess = 'R' | 'RW' | 'W';
/** The value's type on the wire (values are always text): csl is a comma-separated list. */
export type KeyType = 'integer' | 'boolean' | 'csl' | 'string';

export interface ConfigurationKeySpec<N extends string = string, T extends KeyType = KeyType> {
  name: N;
  profile: ActionProfile;
  access: KeyAccess;
  type: T;
  /** What it means, in one line. */
  meaning: string;
}

const key = <const N extends string, const T extends KeyType>(name: N, profile: ActionProfile, access: KeyAccess, type: T, meaning: string): ConfigurationKeySpec<N, T> => ({
  name,
  profile,
  access,
  type,
  meaning,
});

/** In the specification's order: Core, LocalAuthListManagement, Reservation, SmartCharging, then Security. */
export const configurationKeys = [
  key('AllowOfflineTxForUnknownId', 'Core', 'RW', 'boolean', 'Offline, an unknown idTag may start a transaction.'),
  key('AuthorizationCacheEnabled', 'Core', 'RW', 'boolean', 'The charger keeps the answers to Authorize in its authorization cache.'),
  // The spec leaves R or RW to the charger.
  key('AuthorizeRemoteTxRequests', 'Core', 'RW', 'boolean', 'A RemoteStartTransaction idTag is authorized (Authorize, list or cache) before the transaction starts.'),
  key('BlinkRepeat', 'Core', 'RW', 'integer', 'How many times the charger blinks its lights when signalling.'),
  key('ClockAlignedDataInterval', 'Core', 'RW', 'integer', 'Seconds between clock-aligned meter readings, from midnight; 0: none.'),
  key('ConnectionTimeOut', 'Core', 'RW', 'integer', 'Seconds the cable may take to be plugged in after a card was accepted.'),
  key('ConnectorPhaseRotation', 'Core', 'RW', 'csl', 'The phase rotation per connector, e.g. 0.RST,1.RTS.'),
  key('ConnectorPhaseRotationMaxLength', 'Core', 'R', 'integer', 'At most this many items in ConnectorPhaseRotation.'),
  key('GetConfigurationMaxKeys', 'Core', 'R', 'integer', 'At most this many keys may be asked for in one GetConfiguration.'),
  key('HeartbeatInterval', 'Core', 'RW', 'integer', 'Seconds between Heartbeats when nothing else is sent.'),
  key('LightIntensity', 'Core', 'RW', 'integer', 'The brightness of the charger\u2019s lights, in percent.'),
  key('LocalAuthorizeOffline', 'Core', 'RW', 'boolean', 'Offline, idTags in the local list or cache may start a transaction.'),
  key('LocalPreAuthorize', 'Core', 'RW', 'boolean', 'Online, idTags the local list or cache accepts start at once, without waiting for Authorize.'),
  key('MaxEnergyOnInvalidId', 'Core', 'RW', 'integer', 'Wh a transaction may still deliver after its idTag was found invalid.'),
  key('MeterValuesAlignedData', 'Core', 'RW', 'csl', 'The measurands of clock-aligned MeterValues.'),
  key('MeterValuesAlignedDataMaxLength', 'Core', 'R', 'integer', 'At most this many items in MeterValuesAlignedData.'),
  key('MeterValuesSampledData', 'Core', 'RW', 'csl', 'The measurands of the MeterValues sampled during a transaction.'),
  key('MeterValuesSampledDataMaxLength', 'Core', 'R', 'integer', 'At most this many items in MeterValuesSampledData.'),
  key('MeterValueSampleInterval', 'Core', 'RW', 'integer', 'Seconds between sampled MeterValues during a transaction; 0: none.'),
  key('MinimumStatusDuration', 'Core', 'RW', 'integer', 'Seconds a status must hold before it is reported.'),
  key('NumberOfConnectors', 'Core', 'R', 'integer', 'How many connectors the charger has.'),
  key('ResetRetries', 'Core', 'RW', 'integer', 'How many times the charger retries a failed reset.'),
  key('StopTransactionOnEVSideDisconnect', 'Core', 'RW', 'boolean', 'Unplugging at the EV stops the transaction.'),
  key('StopTransactionOnInvalidId', 'Core', 'RW', 'boolean', 'A transaction whose idTag turns out invalid is stopped (DeAuthorized).'),
  key('StopTxnAlignedData', 'Core', 'RW', 'csl', 'The clock-aligned measurands sent with StopTransaction.'),
  key('StopTxnAlignedDataMaxLength', 'Core', 'R', 'integer', 'At most this many items in StopTxnAlignedData.'),
  key('StopTxnSampledData', 'Core', 'RW', 'csl', 'The sampled measurands sent with StopTransaction.'),
  key('StopTxnSampledDataMaxLength', 'Core', 'R', 'integer', 'At most this many items in StopTxnSampledData.'),
  key('SupportedFeatureProfiles', 'Core', 'R', 'csl', 'The feature profiles the charger has.'),
  key('SupportedFeatureProfilesMaxLength', 'Core', 'R', 'integer', 'At most this many items in SupportedFeatureProfiles.'),
  key('TransactionMessageAttempts', 'Core', 'RW', 'integer', 'How many times a transaction message the central system failed to take is sent.'),
  key('TransactionMessageRetryInterval', 'Core', 'RW', 'integer', 'Seconds before a failed transaction message is sent again (times the attempt).'),
  key('UnlockConnectorOnEVSideDisconnect', 'Core', 'RW', 'boolean', 'Unplugging at the EV unlocks the cable at the charger.'),
  key('WebSocketPingInterval', 'Core', 'RW', 'integer', 'Seconds between WebSocket pings; 0: none.'),
  key('LocalAuthListEnabled', 'LocalAuthListManagement', 'RW', 'boolean', 'The local authorization list is used.'),
  key('LocalAuthListMaxLength', 'LocalAuthListManagement', 'R', 'integer', 'At most this many idTags in the local authorization list.'),
  key('SendLocalListMaxLength', 'LocalAuthListManagement', 'R', 'integer', 'At most this many idTags in one SendLocalList.'),
  key('ReserveConnectorZeroSupported', 'Reservation', 'R', 'boolean', 'A reservation may be for connector 0 (any connector).'),
  key('ChargeProfileMaxStackLevel', 'SmartCharging', 'R', 'integer', 'The highest stackLevel a charging profile may have.'),
  key('ChargingScheduleAllowedChargingRateUnit', 'SmartCharging', 'R', 'csl', 'The units charging schedules may use: Current, Power.'),
  key('ChargingScheduleMaxPeriods', 'SmartCharging', 'R', 'integer', 'At most this many periods in one charging schedule.'),
  key('ConnectorSwitch3to1PhaseSupported', 'SmartCharging', 'R', 'boolean', 'The charger can switch from 3 phases to 1 during a transaction.'),
  key('MaxChargingProfilesInstalled', 'SmartCharging', 'R', 'integer', 'At most this many charging profiles installed at once.'),
  key('AdditionalRootCertificateCheck', 'Security', 'R', 'boolean', 'A new central system root certificate is checked against the old one.'),
  key('AuthorizationKey', 'Security', 'W', 'string', 'The Basic auth password of security profiles 1 and 2.'),
  key('CertificateSignedMaxChainSize', 'Security', 'R', 'integer', 'At most this many characters in the certificate chain of CertificateSigned.'),
  key('CertificateStoreMaxLength', 'Security', 'R', 'integer', 'At most this many certificates installed.'),
  key('CpoName', 'Security', 'RW', 'string', 'The CPO\u2019s name, the organizationName of the charger\u2019s certificate.'),
  key('SecurityProfile', 'Security', 'RW', 'integer', 'The security profile the charger connects with: 0 to 3.'),
] as const;

export type ConfigurationKeyName = (typeof configurationKeys)[number]['name'];
/** The wire type of a standard key, e.g. 'integer' for HeartbeatInterval. */
export type KeyTypeOf<N extends ConfigurationKeyName> = Extract<(typeof configurationKeys)[number], { name: N }>['type'];

export const configurationKeyNames: ConfigurationKeyName[] = configurationKeys.map((k) => k.name);
