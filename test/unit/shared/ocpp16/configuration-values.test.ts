// What a value of a standard configuration key must look like, from the one table of key types: every
// integer and boolean key of the table is checked, each message names the key and what it takes, and a
// key the bench does not know (or a string key) is never held back.
import { describe, expect, it } from 'vitest';
import { configurationKeys } from '../../../../src/shared/ocpp16/configuration-keys';
import { configurationValueProblem, configurationValueRule, configurationValueToSend } from '../../../../src/shared/ocpp16/configuration-values';

describe('configuration values of the standard keys', () => {
  it('holds back a word or a negative number for a whole number of seconds, naming the key and the unit', () => {
    expect(configurationValueProblem('HeartbeatInterval', 'abc')).toBe('HeartbeatInterval is a whole number of seconds (0 or more)');
    expect(configurationValueProblem('MeterValueSampleInterval', '-5')).toBe('MeterValueSampleInterval is a whole number of seconds (0 or more)');
    for (const bad of ['', '1.5', '1e3', '+5', '2147483648', '60s']) expect(configurationValueProblem('HeartbeatInterval', bad), bad).not.toBeNull();
    for (const good of ['0', '60', ' 3600 ', '2147483647']) expect(configurationValueProblem('HeartbeatInterval', good), good).toBeNull();
    // Keys are matched as OCPP matches them: without regard to case.
    expect(configurationValueProblem('heartbeatinterval', 'x')).toBe('HeartbeatInterval is a whole number of seconds (0 or more)');
  });

  it('says the 32-bit limit of a number above it (OCPP 1.6 integers are 32-bit), naming the key', () => {
    expect(configurationValueProblem('HeartbeatInterval', '99999999999')).toBe('HeartbeatInterval is at most 2147483647 (OCPP 1.6 integers are 32-bit)');
    expect(configurationValueProblem('MeterValueSampleInterval', ' 2147483648 ')).toBe('MeterValueSampleInterval is at most 2147483647 (OCPP 1.6 integers are 32-bit)');
    // A key with a range of its own says that range.
    expect(configurationValueProblem('LightIntensity', '99999999999')).toBe('LightIntensity is a whole number of percent (0 to 100)');
  });

  it('says the range of a key that has one', () => {
    expect(configurationValueProblem('LightIntensity', '101')).toBe('LightIntensity is a whole number of percent (0 to 100)');
    expect(configurationValueProblem('SecurityProfile', '4')).toBe('SecurityProfile is a whole number (0 to 3)');
    expect(configurationValueProblem('SecurityProfile', '3')).toBeNull();
    expect(configurationValueProblem('TransactionMessageAttempts', '-1')).toBe('TransactionMessageAttempts is a whole number of times (0 or more)');
  });

  it('takes true or false for a boolean key, in lower case', () => {
    expect(configurationValueProblem('LocalPreAuthorize', 'yes')).toBe('LocalPreAuthorize is true or false');
    expect(configurationValueProblem('LocalPreAuthorize', '1')).toBe('LocalPreAuthorize is true or false');
    for (const good of ['true', 'false', ' false ']) expect(configurationValueProblem('LocalPreAuthorize', good), good).toBeNull();
  });

  it('takes a list of measurands (with a phase where one is named), empty for none, and says which item is wrong', () => {
    expect(configurationValueProblem('MeterValuesSampledData', 'Energy.Active.Import.Register,Power.Active.Import')).toBeNull();
    expect(configurationValueProblem('MeterValuesSampledData', 'Energy.Active.Import.Register, Current.Import.L1,Voltage.L1-N')).toBeNull();
    expect(configurationValueProblem('StopTxnSampledData', '')).toBeNull();
    expect(configurationValueProblem('MeterValuesAlignedData', 'Energy,Power.Active.Import')).toBe(
      'MeterValuesAlignedData is a comma-separated list of measurands, e.g. Energy.Active.Import.Register,Power.Active.Import: Energy is not one',
    );
    expect(configurationValueProblem('MeterValuesSampledData', 'Voltage,Voltage')).toMatch(/: Voltage is listed twice$/);
    expect(configurationValueProblem('MeterValuesSampledData', 'Voltage,')).toMatch(/: an item is empty/);
    expect(configurationValueProblem('SupportedFeatureProfiles', 'Core,Foo')).toMatch(/list of feature profiles.*: Foo is not one$/);
  });

  it('has a rule for every integer and boolean key of the table, and holds back no key it does not know', () => {
    for (const k of configurationKeys.filter((k) => k.type === 'integer' || k.type === 'boolean')) {
      expect(configurationValueRule(k.name), k.name).toMatch(new RegExp(`^${k.name} is `));
      expect(configurationValueProblem(k.name, 'not a value'), k.name).toBe(configurationValueRule(k.name));
    }
    expect(configurationValueProblem('VendorSpecificKey', 'anything')).toBeNull();
    expect(configurationValueProblem('CpoName', 'ACME')).toBeNull();
  });

  it('sends a number or true/false without the spaces around it, any other value as typed', () => {
    expect(configurationValueToSend('HeartbeatInterval', ' 60 ')).toBe('60');
    expect(configurationValueToSend('LocalPreAuthorize', 'true ')).toBe('true');
    expect(configurationValueToSend('CpoName', ' ACME ')).toBe(' ACME ');
    expect(configurationValueToSend('VendorThing', ' 5 ')).toBe(' 5 ');
  });
});
