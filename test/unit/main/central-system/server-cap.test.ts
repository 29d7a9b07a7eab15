// The connection cap never lets the OCPP port use up the file descriptors the record, the API and the UI
// need: below the setting where the system's open-file limit says so.
import { describe, expect, it } from 'vitest';
import { connectionCap, FILE_RESERVE } from '../../../../src/main/central-system/server';

describe('the connection cap', () => {
  it('is the setting where the open-file limit leaves room for it', () => {
    expect(connectionCap(10_000, 1_048_576)).toEqual({ max: 10_000, byFileLimit: null });
    expect(connectionCap(10_000, null)).toEqual({ max: 10_000, byFileLimit: null });
  });

  it('keeps a reserve of file descriptors below a low open-file limit', () => {
    expect(connectionCap(10_000, 1024)).toEqual({ max: 1024 - FILE_RESERVE, byFileLimit: 1024 });
    expect(connectionCap(10_000, 100).max).toBe(1);
  });
});
