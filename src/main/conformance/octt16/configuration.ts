// 2.8 Core Profile - Configuration Happy flow, and 2.15 Core Profile - Configuration Keys Non-Happy Flow.
import { readKey } from '../states';
import { writable, type Case } from './cases';
import type { FeatureProfile } from '../../../shared/ocpp16';

type Access = 'R' | 'RW' | 'R or RW';
interface ConfigurationKey {
  key: string;
  readonly: boolean;
  value?: string;
}

/** The keys TC_019_CS requires, by profile, with their accessibility. */
const REQUIRED: Partial<Record<FeatureProfile, Record<string, Access>>> = {
  Core: {
    AuthorizeRemoteTxRequests: 'R or RW',
    ClockAlignedDataInterval: 'RW',
    ConnectionTimeOut: 'RW',
    ConnectorPhaseRotation: 'RW',
    GetConfigurationMaxKeys: 'R',
    HeartbeatInterval: 'RW',
    LocalAuthorizeOffline: 'RW',
    LocalPreAuthorize: 'RW',
    MeterValuesAlignedData: 'RW',
    MeterValuesSampledData: 'RW',
    MeterValueSampleInterval: 'RW',
    NumberOfConnectors: 'R',
    ResetRetries: 'RW',
    StopTransactionOnInvalidId: 'RW',
    StopTxnAlignedData: 'RW',
    StopTxnSampledData: 'RW',
    SupportedFeatureProfiles: 'R',
    TransactionMessageAttempts: 'RW',
    TransactionMessageRetryInterval: 'RW',
    UnlockConnectorOnEVSideDisconnect: 'R or RW',
  },
  LocalAuthListManagement: { LocalAuthListEnabled: 'RW', LocalAuthListMaxLength: 'R', SendLocalListMaxLength: 'R' },
  SmartCharging: { ChargeProfileMaxStackLevel: 'R', ChargingScheduleAllowedChargingRateUnit: 'R', ChargingScheduleMaxPeriods: 'R', MaxChargingProfilesInstalled: 'R' },
};

const keysOf = (answer: Record<string, unknown>) => (answer.configurationKey as ConfigurationKey[] | undefined) ?? [];
const unknownOf = (answer: Record<string, unknown>) => (answer.unknownKey as string[] | undefined) ?? [];
/** Configuration keys are CiString: compared without case. */
const find = (keys: ConfigurationKey[], name: string) => keys.find((k) => k.key.toLowerCase() === name.toLowerCase());
const noUnknownKeys = (p: Record<string, unknown>) => (unknownOf(p).length ? `no unknownKey (got ${unknownOf(p).join(', ')})` : null);

export const configurationCases: Case[] = [
  {
    id: 'TC_019_CS',
    title: 'Retrieve configuration',
    profile: 'Core',
    section: '2.8.1',
    decisions: [
      'The required keys of the optional profiles the charger reports (LocalAuthListManagement, SmartCharging) are checked like the Core keys, present with the accessibility listed (the document validates them by hand "for now"; its first check asks for every required key of the profiles reported).',
      'Step 7 asks for the first keys of the step 4 answer, as many as GetConfigurationMaxKeys allows.',
      'Keys are compared without case (CiString).',
    ],
    async run(t) {
      const first = await t.send(
        'GetConfiguration',
        { key: ['SupportedFeatureProfiles'] },
        {
          title: 'Bench sends GetConfiguration for SupportedFeatureProfiles',
          checks: [noUnknownKeys, (p) => (find(keysOf(p), 'SupportedFeatureProfiles') ? null : 'configurationKey SupportedFeatureProfiles (got none)')],
        },
      );
      const profiles = (find(keysOf(first), 'SupportedFeatureProfiles')?.value ?? '').split(',').map((s) => s.trim());
      const all = await t.send('GetConfiguration', {}, { title: 'Bench sends GetConfiguration for every key' });
      const keys = keysOf(all);
      await t.verify(`Every required key of the profiles reported (${profiles.join(', ')}) is there, with its accessibility`, () => {
        const wrong: string[] = [];
        for (const profile of ['Core', ...profiles] as FeatureProfile[])
          for (const [name, access] of Object.entries(REQUIRED[profile] ?? {})) {
            const k = find(keys, name);
            if (!k) wrong.push(`${name} missing (${profile})`);
            else if ((access === 'R' && !k.readonly) || (access === 'RW' && k.readonly)) wrong.push(`${name} ${k.readonly ? 'R' : 'RW'}, not ${access}`);
          }
        t.check(wrong.length === 0, 'every required key present with its accessibility', [...new Set(wrong)].join('; '));
      });
      const maxKeys = Number(await readKey(t, 'GetConfigurationMaxKeys'));
      const wanted = keys.slice(0, Math.min(Number.isInteger(maxKeys) && maxKeys > 0 ? maxKeys : keys.length, keys.length)).map((k) => k.key);
      await t.send(
        'GetConfiguration',
        { key: wanted },
        {
          title: `Bench sends GetConfiguration for ${wanted.length} keys of that answer (GetConfigurationMaxKeys ${Number.isNaN(maxKeys) ? 'unknown' : maxKeys})`,
          checks: [
            noUnknownKeys,
            (p) => {
              const missing = wanted.filter((w) => !find(keysOf(p), w));
              return missing.length ? `every key asked for (got none for ${missing.join(', ')})` : null;
            },
          ],
        },
      );
    },
  },
  {
    id: 'TC_021_CS',
    title: 'Change/set Configuration',
    profile: 'Core',
    section: '2.8.2',
    appliesTo: writable('MeterValueSampleInterval'),
    decisions: ['Where MeterValueSampleInterval already holds <Configured Meter Value interval>, the bench first sets it to that value plus 1 (the configuration state wants another value).'],
    async run(t) {
      const interval = String(t.data.meterValueIntervalS);
      if (t.pics.config.MeterValueSampleInterval === interval) await t.configure('MeterValueSampleInterval', String(t.data.meterValueIntervalS + 1));
      if (!t.touched.config.has('MeterValueSampleInterval')) t.touched.config.set('MeterValueSampleInterval', t.pics.config.MeterValueSampleInterval ?? null);
      await t.send(
        'ChangeConfiguration',
        { key: 'MeterValueSampleInterval', value: interval },
        { checks: { status: 'Accepted' }, title: `Bench sends ChangeConfiguration MeterValueSampleInterval ${interval} expecting status Accepted` },
      );
      t.pics.config.MeterValueSampleInterval = interval;
      await t.send(
        'GetConfiguration',
        { key: ['MeterValueSampleInterval'] },
        {
          title: `Bench sends GetConfiguration for MeterValueSampleInterval expecting value ${interval}`,
          checks: [
            (p) => {
              const k = find(keysOf(p), 'MeterValueSampleInterval');
              return !k ? 'configurationKey MeterValueSampleInterval (got none)' : k.value !== interval ? `MeterValueSampleInterval ${interval} (got ${k.value ?? 'no value'})` : null;
            },
          ],
        },
      );
    },
  },
];

export const configurationKeyCases: Case[] = [
  {
    id: 'TC_040_1_CS',
    title: 'Configuration key - NotSupported',
    profile: 'Core',
    section: '2.15.1',
    async run(t) {
      await t.send(
        'ChangeConfiguration',
        { key: 'Testing', value: 'true' },
        { checks: { status: 'NotSupported' }, title: 'Bench sends ChangeConfiguration for the unknown key Testing expecting status NotSupported' },
      );
    },
  },
  {
    id: 'TC_040_2_CS',
    title: 'Configuratoin key - Invalid value',
    profile: 'Core',
    section: '2.15.2',
    async run(t) {
      // Should the charger take the value after all, the end of the case puts the key back.
      if (!t.touched.config.has('MeterValueSampleInterval')) t.touched.config.set('MeterValueSampleInterval', t.pics.config.MeterValueSampleInterval ?? null);
      await t.send(
        'ChangeConfiguration',
        { key: 'MeterValueSampleInterval', value: '-1' },
        {
          title: 'Bench sends ChangeConfiguration MeterValueSampleInterval -1 expecting status Rejected, or a CALLERROR PropertyConstraintViolation',
          callErrors: ['PropertyConstraintViolation'],
          checks: [(p) => (p.callError || p.status === 'Rejected' ? null : `status Rejected or a CALLERROR PropertyConstraintViolation (got ${String(p.status)})`)],
        },
      );
    },
  },
];
