// What `chargebench test` declares of a charger from its flags: only what a flag says. A flag not given
// leaves what the bench knows (a built-in virtual charger's fixed cable and back-up power) standing.
import { describe, expect, it } from 'vitest';
import { declaredPics } from '../../../../src/main/cli/run-on-charger';

describe('declaredPics', () => {
  it('declares a fixed cable and back-up power only when their flags are given', () => {
    expect(declaredPics({})).toEqual({ connectorLock: true, reader: true });
    expect(declaredPics({ fixedCable: true, backupPower: true })).toEqual({ connectorLock: true, reader: true, fixedCable: true, backupPower: true });
  });

  it('takes --no-connector-lock, --no-reader and a list of profiles', () => {
    expect(declaredPics({ connectorLock: false, reader: false, profiles: 'Core, SmartCharging' })).toMatchObject({ connectorLock: false, reader: false, profiles: ['Core', 'SmartCharging'] });
  });
});
