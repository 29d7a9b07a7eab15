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

describe('vcp help layout', () => {
  it('gives status, help and quit a row each, with what they do in the same column as every other row', () => {
    const rows = helpText()
      .split('\n')
      .filter((l) => l.startsWith('  '));
    // Every row: the command, then its explanation starting at one column.
    const column = /^ {2}\S.*?\s{2,}(?=\S)/.exec(rows[0]!)![0].length;
    for (const row of rows) expect([row, row.slice(0, column).trimEnd().length < column - 1, /\s/.test(row[column - 1]!), /\S/.test(row[column]!)]).toEqual([row, true, true, true]);
    for (const command of ['status', 'help', 'quit']) expect(rows.filter((r) => r.slice(0, column).trim() === command)).toHaveLength(1);
    // No row explains a command with the names of others (the garbled "status   help, quit").
    expect(rows.some((r) => /^\s+status\s+help, quit$/.test(r))).toBe(false);
  });
});
