// What the Connect screen's tests share: the settings the bench answers (a password required, unknown
// chargers refused) and the bench the screen opens on (loaded, link open, a serve-mode bench's status).
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { defaultSettings } from '../../src/shared/api/settings';
import type { BenchSettings } from '../../src/shared/api/views';

/** A bench's defaults but strict: every charger gives a password (security profile 1), unknown ones are refused. */
export const strictSettings: BenchSettings = { ...defaultSettings, requirePassword: true, unknownChargers: 'reject' };

/** Each test of the file starts with nothing remembered on a loaded serve-mode bench, and ends unmounted. */
export function connectBenchEachTest(): void {
  beforeEach(() => {
    localStorage.clear();
    useBench.setState(
      {
        ...initialBenchState,
        link: 'open',
        loaded: true,
        status: { version: '0.1.0', host: '0.0.0.0', port: 9000, connectedChargers: [], ftp: { port: 2121, fixed: false }, dataDir: '/data', face: 'serve' },
      },
      true,
    );
  });
  afterEach(cleanup);
}
