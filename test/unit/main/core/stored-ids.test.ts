// Stored chargers whose id the identity rule refuses at connect: named one by one when few, counted in one
// line when many (a fleet stored so must not flood the health banner with a paragraph per charger).
import { describe, expect, it } from 'vitest';
import { NAMED_AT_MOST, refusedStoredIds } from '../../../../src/main/core/stored-ids';

describe('refusedStoredIds', () => {
  it('names each of a few refused ids, and leaves valid ones out', () => {
    const lines = refusedStoredIds(['CP-OK', 'CP-EDGE ', ' CP-LEAD', 'site/CP2']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Charger "CP-EDGE " is stored under an id the bench now refuses/);
    expect(lines[1]).toMatch(/^Charger " CP-LEAD" is stored/);
  });

  it('counts many in one line, naming the first few', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `CP${i} `);
    const lines = refusedStoredIds(['CP-OK', ...ids]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^250 chargers are stored under ids the bench now refuses/);
    for (const id of ids.slice(0, NAMED_AT_MOST)) expect(lines[0]).toContain(JSON.stringify(id));
    expect(lines[0]).not.toContain(JSON.stringify(ids[NAMED_AT_MOST]));
    expect(lines[0]).toMatch(/Each stays listed/);
  });
});
