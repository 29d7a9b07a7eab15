// The CLI summary's firmware line (run-status firmwareLine): said only when the firmware at the run's end
// differs from the one at its start, naming both and the case whose UpdateFirmware installed it.
import { describe, expect, it } from 'vitest';
import { firmwareLine } from '../../src/main/cli/run-status';

const charger = (firmware: string | null) => ({ vendor: null, model: null, firmware, serial: null });

describe('firmwareLine', () => {
  it('names the case, the firmware at the start and at the end', () => {
    expect(firmwareLine({ charger: charger('1.0.0'), firmwareAtEnd: 'test-1.0.1', firmwareReplacedBy: { caseId: 'TC_044_1_CS', location: 'ftp://x/f.bin' } })).toBe(
      "Firmware replaced by TC_044_1_CS's UpdateFirmware (the test's file) and not restored: 1.0.0 at the start, test-1.0.1 at the end; install 1.0.0 again before testing that firmware",
    );
  });
  it('a firmware changed with no case that installed it, and an unnamed one', () => {
    expect(firmwareLine({ charger: charger(null), firmwareAtEnd: '2.0' })).toBe(
      'Firmware replaced during the run and not restored: an unnamed firmware at the start, 2.0 at the end; install an unnamed firmware again before testing that firmware',
    );
  });
  it('nothing when the firmware is as it was, or the end is not known', () => {
    expect(firmwareLine({ charger: charger('1.0.0'), firmwareAtEnd: '1.0.0' })).toBeNull();
    expect(firmwareLine({ charger: charger('1.0.0') })).toBeNull();
  });
});
