// The packaged app's Electron fuses (set by electron-builder at packaging, read here from its config):
// no running as plain Node, no NODE_OPTIONS or inspector arguments, cookies encrypted, the app loaded
// only from its integrity-checked ASAR, and file:// without extra privileges.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The `electronFuses:` block of electron-builder.yml as key → value. */
function fuses(): Record<string, string> {
  const text = readFileSync(join(__dirname, '../../../../electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?:[ \t]+.*\n)+)/m.exec(text);
  if (!block) return {};
  return Object.fromEntries(
    block[1].split('\n').flatMap((line) => {
      const m = /^\s+(\w+):\s*(\S+)/.exec(line);
      return m ? [[m[1], m[2]]] : [];
    }),
  );
}

describe('Electron fuses of the packaged app', () => {
  it('are all set as the hardening requires', () => {
    expect(fuses()).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
});
