// The one list of standard configuration keys: each key once, with its profile, access, type and meaning.
import { describe, expect, it } from 'vitest';
import { configurationKeys } from '../../../../src/shared/ocpp16/configuration-keys';
import { featureProfiles } from '../../../../src/shared/ocpp16/actions';

describe('standard configuration keys', () => {
  it('name each key once, case-insensitively, with a profile and a one-line meaning', () => {
    const names = configurationKeys.map((k) => k.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const k of configurationKeys) {
      expect([...featureProfiles, 'Security'], k.name).toContain(k.profile);
      expect(k.meaning, k.name).toMatch(/^[A-Z].{10,120}\.$/);
      expect(k.meaning, k.name).not.toContain('\n');
    }
  });

  it('are read-only where the spec says so, and only AuthorizationKey is write-only', () => {
    expect(configurationKeys.filter((k) => k.access === 'W').map((k) => k.name)).toEqual(['AuthorizationKey']);
    const counts = configurationKeys.filter((k) => k.name.endsWith('MaxLength') || k.name.startsWith('Max') || k.name === 'NumberOfConnectors');
    expect(counts.every((k) => k.access === 'R' || k.name === 'MaxEnergyOnInvalidId')).toBe(true);
  });
});
