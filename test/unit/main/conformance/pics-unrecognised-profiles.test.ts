// A charger whose SupportedFeatureProfiles holds entries that are not OCPP 1.6's names (a misspelt
// "Smartcharging", a vendor's "FirmwareMgmt"): the run says what the charger reported and which entries it
// did not recognise, and a value with none it recognises is taken as not read (Core assumed), never as
// "supports no profile".
import { describe, expect, it } from 'vitest';
import { profileMissing, profilePresent, profileSource, readPics } from '../../../../src/main/conformance/pics';
import type { CaseHost } from '../../../../src/main/conformance/context';

/** The run's capabilities as read from a charger reporting this SupportedFeatureProfiles, nothing declared. */
const picsOf = (supportedFeatureProfiles: string) =>
  readPics(
    {
      operate: () => Promise.resolve({ outcome: 'completed', response: { configurationKey: [{ key: 'SupportedFeatureProfiles', value: supportedFeatureProfiles, readonly: true }] } }),
      password: { get: () => null, set: () => Promise.resolve() },
    } as unknown as CaseHost,
    {},
    1000,
  );

const ocppNames = 'Core, FirmwareManagement, LocalAuthListManagement, Reservation, SmartCharging, RemoteTrigger';

describe('SupportedFeatureProfiles with entries the bench does not recognise', () => {
  it('takes the recognised ones and names the others with what the charger reported', async () => {
    const pics = await picsOf('Core,FirmwareMgmt,Foo');
    expect(pics.profiles).toEqual(['Core']);
    expect(pics.profilesFrom).toBe('charger');
    const reported = `SupportedFeatureProfiles "Core,FirmwareMgmt,Foo", where FirmwareMgmt, Foo are not among OCPP 1.6's profiles ${ocppNames}`;
    expect(profileMissing(pics, 'FirmwareManagement')).toBe(`The charger does not report the FirmwareManagement profile (${reported}), and no profiles were declared for the run`);
    expect(profileSource(pics)).toBe(reported);
  });

  it('takes a value with no recognised entry as not read (Core assumed), not as supporting no profile', async () => {
    const pics = await picsOf('Smartcharging');
    expect(pics.profiles).toEqual(['Core']);
    expect(pics.profilesFrom).toBe('assumed');
    const source = profileSource(pics);
    expect(source).toBe(
      `only Core, assumed: the charger reports SupportedFeatureProfiles "Smartcharging", where Smartcharging is not among OCPP 1.6's profiles ${ocppNames}, and no profiles were declared for the run`,
    );
    expect(source).not.toContain('no SupportedFeatureProfiles');
    expect(profileMissing(pics, 'SmartCharging')).toBe(`The charger is not taken to have the SmartCharging profile (${source})`);
  });

  it('does not call profiles declared for the run the same as the charger reports when some of its entries were not recognised', async () => {
    const read = await picsOf('Core,Reservation,Foo');
    const pics = { ...read, profiles: read.reportedProfiles ?? [], profilesFrom: 'declared' as const };
    expect(profilePresent(pics, 'Reservation')).toBe(
      `The charger supports the Reservation profile (declared for the run; the charger reports SupportedFeatureProfiles "Core,Reservation,Foo", where Foo is not among OCPP 1.6's profiles ${ocppNames}); the case is for a charger without it`,
    );
  });

  it('words a value of OCPP 1.6 names as before', async () => {
    const pics = await picsOf('Core, Reservation');
    expect(pics.profiles).toEqual(['Core', 'Reservation']);
    expect(profileMissing(pics, 'SmartCharging')).toBe(
      'The charger does not report the SmartCharging profile (SupportedFeatureProfiles: Core, Reservation), and no profiles were declared for the run',
    );
  });
});
