// Where the charger's feature profiles came from, named the same way wherever a text names them: declared
// for the run (the UI's form where the person confirmed or corrected them, the API's declaration,
// --profiles), reported by the charger (SupportedFeatureProfiles, a virtual charger's own too), or Core
// assumed; never SupportedFeatureProfiles alone when the profiles did not come from it. Here the case
// definitions' own reasons (before any runner) and the HTML report; the run's observation is in
// test/integration/conformance/profile-source.test.ts.
import { describe, expect, it } from 'vitest';
import { octt16Cases } from '../../../../src/main/conformance/octt16';
import { defaultTestData } from '../../../../src/main/conformance/test-data';
import { htmlReport } from '../../../../src/main/conformance/reports/html';
import { featureProfiles, type FeatureProfile } from '../../../../src/shared/ocpp16';
import type { Pics, RunResult } from '../../../../src/shared/api/test-runs';

const pics = (patch: Partial<Pics>): Pics => ({
  profiles: ['Core'],
  connectors: 2,
  fixedCable: false,
  connectorLock: true,
  reader: true,
  backupPower: false,
  config: { ReserveConnectorZeroSupported: 'true', LocalAuthListEnabled: 'true' },
  readOnly: [],
  basicAuth: false,
  ...patch,
});

/** Why the case does not apply to a charger with these capabilities, as its definition says. */
const why = (id: string, p: Pics) => octt16Cases.find((c) => c.id === id)!.appliesTo!(p, defaultTestData());

const all = [...featureProfiles] as FeatureProfile[];
const withoutReservation = all.filter((p) => p !== 'Reservation');

describe('a case for a profile the run does not take the charger to have', () => {
  it('names the profiles declared for the run, and what the charger reports beside them', () => {
    // The person unticked Reservation on the form, though the charger reports it.
    const declared = pics({ profiles: withoutReservation, profilesFrom: 'declared', reportedProfiles: all });
    expect(why('TC_046_1_CS', declared)).toBe(
      `The Reservation profile is not among the profiles declared for the run (${withoutReservation.join(', ')}), although the charger reports it (SupportedFeatureProfiles: ${all.join(', ')})`,
    );
    // Declared and not reported either.
    expect(why('TC_046_1_CS', pics({ profiles: ['Core'], profilesFrom: 'declared', reportedProfiles: null }))).toBe(
      'The Reservation profile is neither declared for the run (Core) nor reported by the charger (no SupportedFeatureProfiles)',
    );
  });

  it('names SupportedFeatureProfiles when the profiles are what the charger reports, and Core assumed when it reports none', () => {
    const reported = pics({ profiles: withoutReservation, profilesFrom: 'charger', reportedProfiles: withoutReservation });
    expect(why('TC_046_1_CS', reported)).toBe(
      `The charger does not report the Reservation profile (SupportedFeatureProfiles: ${withoutReservation.join(', ')}), and no profiles were declared for the run`,
    );
    expect(why('TC_046_1_CS', pics({ profilesFrom: 'assumed', reportedProfiles: null }))).toBe(
      'The charger is not taken to have the Reservation profile (only Core, assumed: the charger reports no SupportedFeatureProfiles and no profiles were declared for the run)',
    );
  });
});

describe('a case for a charger without a profile the run takes it to have', () => {
  it('names where that profile came from: declared for the run (and what the charger reports where it differs), or SupportedFeatureProfiles', () => {
    // The person ticked Reservation by hand, though the charger does not report it.
    const declared = pics({ profiles: all, profilesFrom: 'declared', reportedProfiles: withoutReservation });
    const words = `declared for the run; the charger reports SupportedFeatureProfiles: ${withoutReservation.join(', ')}`;
    expect(why('TC_048_4_CS', declared)).toBe(`The charger supports the Reservation profile (${words}); the case is for a charger without it`);
    expect(why('TC_050_4_CS', declared)).toBe(`The charger supports the Reservation profile (${words}); the case is for a charger without it`);
    expect(why('TC_043_1_CS', declared)).toBe(`The charger supports the LocalAuthListManagement profile (${words}); the case is for a charger without it`);
    // Declared as the charger reports them: only the declaration.
    expect(why('TC_048_4_CS', pics({ profiles: all, profilesFrom: 'declared', reportedProfiles: all }))).toBe(
      'The charger supports the Reservation profile (declared for the run); the case is for a charger without it',
    );
    expect(why('TC_048_4_CS', pics({ profiles: all, profilesFrom: 'charger', reportedProfiles: all }))).toBe(
      'The charger supports the Reservation profile (SupportedFeatureProfiles); the case is for a charger without it',
    );
  });
});

describe('the HTML report', () => {
  it('names the source of the profiles the same way', () => {
    const run: RunResult = {
      id: 'run-1',
      chargerId: 'CP1',
      charger: { vendor: null, model: null, firmware: null, serial: null },
      virtual: false,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      ms: 1000,
      wallMs: 1000,
      benchVersion: '0.1.0',
      data: defaultTestData(),
      pics: pics({ profiles: all, profilesFrom: 'declared', reportedProfiles: withoutReservation }),
      cases: [],
      summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
      state: 'finished',
    };
    expect(htmlReport(run)).toContain(`<dt>Profiles</dt><dd>${all.join(', ')} (declared for the run; the charger reports SupportedFeatureProfiles: ${withoutReservation.join(', ')})</dd>`);
    expect(htmlReport({ ...run, pics: pics({ profiles: all, profilesFrom: 'charger', reportedProfiles: all }) })).toContain(`<dt>Profiles</dt><dd>${all.join(', ')} (SupportedFeatureProfiles)</dd>`);
  });
});
