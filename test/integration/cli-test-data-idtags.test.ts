// `chargebench test --data` naming one card for two idTag roles is a usage error (exit 2) naming both roles
// and the card, on one line, before anything runs: run, the bench would answer the "valid" card Invalid and
// the charger would get a false Fail.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'chargebench-cli-idtags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chargebench test --data with one card for two roles', () => {
  it('exits 2 naming invalidIdTag, validIdTag and the card; nothing is run', () => {
    const data = join(dir, 'd.json');
    writeFileSync(data, JSON.stringify({ validIdTag: 'SAME', invalidIdTag: 'SAME' }));
    const r = spawnSync(process.execPath, [bin, 'test', '--virtual', '--cases', 'TC_003_CS', '--data', data, '--json', join(dir, 'r.json')], { encoding: 'utf8', timeout: 120_000 });
    expect({ status: r.status, stderr: r.stderr.trimEnd().split('\n') }).toEqual({
      status: 2,
      stderr: [`chargebench test: --data ${data}: invalidIdTag: must differ from validIdTag (SAME is used for both)`],
    });
    expect(r.stdout).not.toMatch(/TC_003_CS/);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });
});
