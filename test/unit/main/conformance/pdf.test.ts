// Where serve mode and the CLI look for a Chromium to print reports with: $CHROMIUM_PATH first, then the
// usual install paths of the platform, Chrome and Edge among them on Windows.
import { describe, expect, it } from 'vitest';
import { chromiumCandidates } from '../../../../src/main/conformance/reports/pdf';

describe('the Chromium that prints a PDF', () => {
  it('is looked for where Windows installs Chromium, Chrome and Edge', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\qa\\AppData\\Local' };
    const found = chromiumCandidates(env, 'win32');
    expect(found).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(found).toContain('C:\\Users\\qa\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(found).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(found.every((p) => p.endsWith('.exe'))).toBe(true);
  });

  it('takes $CHROMIUM_PATH first on every platform, then the usual paths of Linux and macOS', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(chromiumCandidates({ CHROMIUM_PATH: '/opt/chromium' }, platform)[0]).toBe('/opt/chromium');
    expect(chromiumCandidates({}, 'linux')).toContain('/usr/bin/chromium');
    expect(chromiumCandidates({}, 'darwin')).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  });
});
