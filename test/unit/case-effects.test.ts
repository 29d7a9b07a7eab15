// What each conformance case does to the charger, as the case catalogue says it: computed from the case
// definitions (scripts/case-effects.ts), kept in step with them, and what a run of some cases does in words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCaseEffects } from '../../scripts/case-effects';
import { caseEffectsData } from '../../src/shared/api/case-effects.data';
import { runConsequences } from '../../src/shared/api/case-effects';
import { octt16Cases } from '../../src/main/conformance/octt16';
import { ConformanceService } from '../../src/main/conformance/service';
import type { Bench } from '../../src/main/core/bench';

describe('the case catalogue says what each case does', () => {
  it('as its definition does it now (src/shared/api/case-effects.data.ts is written again when a case changes)', () => {
    expect(caseEffectsData).toEqual(computeCaseEffects());
  });

  it('for every case the bench can run, and tests:cases gives it', () => {
    const runnable = octt16Cases.filter((c) => !c.notSupported).map((c) => c.id);
    expect(runnable.filter((id) => !caseEffectsData[id])).toEqual([]);
    const listed = new ConformanceService({} as Bench).cases();
    expect(listed.find((c) => c.id === 'TC_003_CS')?.effects).toEqual({ effects: ['sessions'], operator: ['plug', 'presentIdTag'] });
  });

  it('configuration reads and writes only: no session of a case, no reset, nobody at the charger; what every run does said too', () => {
    for (const id of ['TC_019_CS', 'TC_021_CS', 'TC_040_1_CS', 'TC_040_2_CS']) {
      expect(caseEffectsData[id]!.effects.filter((e) => e !== 'config')).toEqual([]);
      expect(caseEffectsData[id]!.operator).toEqual([]);
    }
    const said = runConsequences(['TC_019_CS', 'TC_021_CS', 'TC_040_1_CS', 'TC_040_2_CS'].map((id) => caseEffectsData[id]));
    expect(said).toEqual({
      lines: [
        'Before the first case, a charging session running on it is ended: it may be a customer’s.',
        'Its MinimumStatusDuration is set to 0 for the run (where it has that key), and put back at the end.',
        'After each case, its authorization cache is cleared (where it has one: AuthorizationCacheEnabled).',
        'Its configuration is changed, and put back after each case (3 of the 4 cases).',
        'Its idTags are answered from the test data, not from the bench’s list.',
      ],
      operator: '',
      operatorIn: '',
    });
  });

  it('a case that only reads (TC_019_CS) is never said to leave the charger unchanged: the run ends a session, sets MinimumStatusDuration, clears the cache', () => {
    const said = runConsequences([caseEffectsData.TC_019_CS]);
    expect(said.lines.join(' ')).not.toMatch(/nothing on it is changed/);
    expect(said.lines).toContain('Before the first case, a charging session running on it is ended: it may be a customer’s.');
    expect(said.lines).toContain('Its MinimumStatusDuration is set to 0 for the run (where it has that key), and put back at the end.');
    expect(said.lines).toContain('After each case, its authorization cache is cleared (where it has one: AuthorizationCacheEnabled).');
  });

  it('a reset, a firmware update, a power cut asked of the person: each where its case does it', () => {
    expect(caseEffectsData.TC_013_CS!.effects).toContain('reset');
    expect(caseEffectsData.TC_044_1_CS!.effects).toContain('firmware');
    expect(caseEffectsData.TC_032_1_CS!.operator).toEqual(['plug', 'powerOff', 'powerOn']);
    const said = runConsequences([caseEffectsData.TC_013_CS, caseEffectsData.TC_032_1_CS]);
    expect(said.lines).toContain('It is reset and rebooted (1 of the 2 cases).');
    expect(said.operator).toBe('plug and unplug the cable and power it off and on');
    expect(said.operatorIn).toBe('in 1 of the 2 cases');
  });

  it('what a case records to put back, a profile in a remote start, a reboot’s boot answer: each an effect', () => {
    // touched.profiles and a chargingProfile in RemoteStartTransaction: the put-back clears every profile, the site's own too.
    expect(caseEffectsData.TC_059_CS!.effects).toContain('chargingProfiles');
    expect(caseEffectsData.TC_060_CS!.effects).toContain('chargingProfiles');
    expect(runConsequences([caseEffectsData.TC_060_CS]).lines).toContain(
      'Charging profiles are sent to it; afterwards every charging profile on it is cleared (ClearChargingProfile with no filter), the site’s own too.',
    );
    // A power cut reboots it: the bench's BootNotification answer may change HeartbeatInterval (put back by ChangeConfiguration).
    expect(caseEffectsData.TC_001_CS!.effects).toEqual(['config']);
    expect(caseEffectsData.TC_013_CS!.effects).toContain('config');
    // touched.cache through a helper (idTagCached).
    expect(caseEffectsData.TC_007_CS!.effects).toContain('cache');
  });

  it('the scanner fails, naming the place, on a call it cannot follow that could send', () => {
    const dir = mkdtempSync(join(tmpdir(), 'case-effects-'));
    const write = (body: string) => writeFileSync(join(dir, 'cases.ts'), `import * as s from '../states';\nexport const cases = [{ id: 'TC_900_CS', async run(t) {\n${body}\n} }];\n`);
    try {
      write('await s.charging(t);');
      expect(() => computeCaseEffects(dir)).toThrow(/cannot follow s\.charging\(t\) \(.*cases\.ts:3\): the context is handed to a method or a namespace member/);
      write('const steps = [async (c) => c.send("Reset", {})]; for (const f of steps) await f(t);');
      expect(() => computeCaseEffects(dir)).toThrow(/cannot follow f\(t\).*a function outside the engine, or a parameter/);
      write('const action = "Reset"; await t.send(action, {});');
      expect(() => computeCaseEffects(dir)).toThrow(/the action it sends is not a literal/);
      write('await t.somethingNew();');
      expect(() => computeCaseEffects(dir)).toThrow(/somethingNew is not a method of the context it knows/);
      write('t.touched.profiles = true; await t.send("GetConfiguration", {});');
      expect(computeCaseEffects(dir)).toEqual({ TC_900_CS: { effects: ['chargingProfiles'], operator: [] } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a case the catalogue does not describe (an older bench) counts as doing everything', () => {
    const said = runConsequences([undefined]);
    expect(said.lines).toContain('Charging sessions are started and stopped on it.');
    expect(said.lines).toContain('It is reset and rebooted.');
    expect(said.operator).toBe('plug and unplug the cable, present cards and power it off and on');
  });
});
