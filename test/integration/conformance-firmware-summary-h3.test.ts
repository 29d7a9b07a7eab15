// `chargebench test`'s summary says when a case left another firmware on the charger (TC_044_1_CS installs
// the test's file, which the bench cannot undo): one line, replaced and not restored, with the firmware at
// the run's start and at its end, as the reports say it. A run that leaves the firmware as it was says nothing of it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin } from '../helpers/cli';

const test = (cases: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'chargebench-h3-fw-'));
  try {
    const r = spawnSync(process.execPath, [bin, 'test', '--virtual', '--cases', cases, '--json', join(dir, 'r.json')], { encoding: 'utf8', timeout: 120_000 });
    return { ...r, json: JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { charger: { firmware: string }; firmwareAtEnd?: string; firmwareReplacedBy?: { location: string } } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('chargebench test: the summary and a firmware the run left on the charger', () => {
  it('says in one line that the firmware was replaced and not restored, with the firmware at the start and at the end', () => {
    const r = test('TC_044_1_CS');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    const start = r.json.charger.firmware;
    const end = r.json.firmwareAtEnd;
    expect(end).toBe('chargebench-octt-1.0.1');
    expect(start).not.toBe(end);
    const lines = r.stdout.split('\n');
    const summary = lines.findIndex((l) => /^1 case: 1 passed, /.test(l));
    expect(summary).toBeGreaterThan(-1);
    const said = lines.filter((l) => l.startsWith("The charger's firmware"));
    expect(said).toEqual([
      `The charger's firmware was replaced by the test's file by TC_044_1_CS's UpdateFirmware (location ${r.json.firmwareReplacedBy!.location}) and not restored: it ran ${start} at the start of the run and runs ${end} at its end; install ${start} again before testing that firmware`,
    ]);
    // With the summary, after its counts.
    expect(lines.indexOf(said[0]!)).toBe(summary + 1);
  }, 150_000);

  it('says nothing of the firmware when the run left it as it was', () => {
    const r = test('TC_003_CS');
    expect(r.status).toBe(0);
    expect(r.json.firmwareAtEnd).toBe(r.json.charger.firmware);
    expect(r.stdout).not.toMatch(/firmware/i);
  }, 150_000);
});
