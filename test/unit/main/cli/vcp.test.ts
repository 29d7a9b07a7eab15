// The `chargebench vcp` stdin help: every physical action of the shared vocabulary as it is typed, with
// what it does, and the fault switch commands.
import { describe, expect, it } from 'vitest';
import { helpText } from '../../../../src/main/cli/vcp';
import { physicalActions } from '../../../../src/shared/api/virtual-chargers';

describe('vcp help', () => {
  it('lists each physical action as typed, with the vocabulary\u2019s explanation, and the switch commands', () => {
    const help = helpText();
    for (const row of Object.values(physicalActions)) expect(help).toMatch(new RegExp(`^  ${row.command}\\b.*  ${row.explanation.replace(/[().]/g, '\\$&')}$`, 'm'));
    expect(help).toContain('switch <fault> on|off [json]');
  });
});
