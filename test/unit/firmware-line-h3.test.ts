// The CLI summary's firmware line (run-status firmwareLine): said only when the firmware at the run's end
// differs from the one at its start, naming both and the case whose UpdateFirmware installed it.
import { describe, expect, it } from 'vitest';
import { firmwareLine } from '../../src/main/cli/run-status';

const charger = (firmware: string | null) => ({ vendor: null, model: null, firmware, serial: null });

describe('firmwareLine', () => {
  it('names the case, the firmware at the start and at the end, as the reports do', () => {
    expect(firmwareLine({ charger: charger('1.0.0'), firmwareAtEnd: 'test-1.0.1', firmwareReplacedBy: { caseId: 'TC_044_1_CS', location: 'ftp://x/f.bin' } })).toBe(
      "The charger's firmware was replaced by the test's file by TC_044_1_CS's UpdateFirmware (location ftp://x/f.bin) and not restored: it ran 1.0.0 at the start of the run and runs test-1.0.1 at its end; install 1.0.0 again before testing that firmware",
    );
  });
  it('a firmware changed with no case that installed it: changed, not replaced', () => {
    expect(firmwareLine({ charger: charger('1.0.0'), firmwareAtEnd: '2.0' })).toBe(
      "The charger's firmware changed during the run: it ran 1.0.0 at the start and runs 2.0 at the end (its last BootNotification); the bench did not put it back",
    );
  });
  it('a start not known: nothing, unless a case installed the test file (then no firmware to install again is named)', () => {
    expect(firmwareLine({ charger: charger(null), firmwareAtEnd: '2.0' })).toBeNull();
    const line = firmwareLine({ charger: charger(null), firmwareAtEnd: 'test-1.0.1', firmwareReplacedBy: { caseId: 'TC_044_1_CS', location: 'ftp://x/f.bin' } });
    expect(line).toMatch(/its firmware at the start was not known/);
    expect(line).not.toMatch(/unnamed/);
  });
  it('nothing when the firmware is as it was, or the end is not known', () => {
    expect(firmwareLine({ charger: charger('1.0.0'), firmwareAtEnd: '1.0.0' })).toBeNull();
    expect(firmwareLine({ charger: charger('1.0.0') })).toBeNull();
  });
});
