// `chargebench vcp --id CP001 --count N` names its fleet from the id given: a user who registered CP001…
// ahead of time finds them all connecting, however large N is.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fleetIds } from '../../src/main/cli/vcp';

describe('vcp fleet ids', () => {
  it('counts up from the id given, keeping its padding as the least width', () => {
    const ids = fleetIds('CP001', 1000);
    expect(ids.slice(0, 3)).toEqual(['CP001', 'CP002', 'CP003']);
    expect(ids.slice(997)).toEqual(['CP998', 'CP999', 'CP1000']);
    expect(fleetIds('CP1', 3)).toEqual(['CP1', 'CP2', 'CP3']);
    expect(fleetIds('CP8', 3)).toEqual(['CP8', 'CP9', 'CP10']);
    expect(fleetIds('CP0998', 4)).toEqual(['CP0998', 'CP0999', 'CP1000', 'CP1001']);
    expect(fleetIds('BENCH', 2)).toEqual(['BENCH001', 'BENCH002']);
    expect(fleetIds('CP001', 1)).toEqual(['CP001']);
  });

  it('gives every charger of the fleet its own id, in the order of their numbers', () => {
    const ids = fleetIds('A-7', 20_000);
    expect(new Set(ids).size).toBe(20_000);
    expect(ids.map((id) => Number(id.slice(2)))).toEqual(Array.from({ length: 20_000 }, (_, i) => 7 + i));
    // An id of more digits than a double holds exactly still counts one by one.
    expect(fleetIds('X99999999999999999998', 3)).toEqual(['X99999999999999999998', 'X99999999999999999999', 'X100000000000000000000']);
  });

  it('--help describes the fleet as it is named', () => {
    const help = execFileSync(process.execPath, [join(process.cwd(), 'bin', 'chargebench.mjs'), 'vcp', '--help'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(help).toContain('CP001 gives CP001, CP002, …; past CP999, CP1000');
  });
});
