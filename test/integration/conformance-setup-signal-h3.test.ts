// `chargebench test --charger` stopped by SIGTERM or Ctrl-C (SIGINT) during the run's setup, before its first
// case starts: while the bench reads the charger's configuration, and while it prepares the charger (the
// document's general preconditions). The command ends promptly (not after the charger's time-out), says it
// was stopped before its first case, exits 143 (130), and the record keeps the run as stopped with no case.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { waitFor } from '../helpers/bench';
import { chargerHolding, cliRecord } from '../helpers/cli-record';
import { cliCommand, freePort, testCommand } from '../helpers/cli';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const record = () => cliRecord('h3-setup', cleanup);

/** A charger that holds its answer to `held` (the setup's) for 3 s; `onHeld` is called when that call comes. */
const charger = (id: string, port: number, held: string, onHeld: () => void) => chargerHolding({ id, port, action: held, mode: 'delay', onIt: onHeld }, cleanup);
describe('chargebench test: a signal during the setup, before the first case', () => {
  for (const [signal, status, words] of [
    ['SIGTERM', 143, 'SIGTERM'],
    ['SIGINT', 130, 'Ctrl-C'],
  ] as const) {
    for (const [held, during] of [
      ['GetConfiguration', 'while the charger is read'],
      ['ClearCache', 'while the charger is prepared'],
    ] as const) {
      it(`${signal} ${during}: ends, says no case had started, exits ${status}, and the run is kept as stopped with no case`, async () => {
        const { dataDir, out } = await record();
        const port = await freePort();
        const id = `CP-H3-${signal}-${held}`.slice(0, 20);
        const run = testCommand(['--charger', id, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--cases', 'TC_003_CS', '--json', join(out, 'r.json')], cleanup);
        await waitFor(() => run.out.some((l) => l.startsWith(`Waiting for ${id}`)), 30_000);
        let sentAt = 0;
        const cp = charger(id, port, held, () => {
          sentAt = Date.now();
          run.child.kill(signal);
        });
        cp.start();
        const code = await run.exited;
        expect({ code, stderr: run.stderr() }).toMatchObject({ code: status });
        expect(sentAt).toBeGreaterThan(0);
        const text = run.out.join('\n');
        // Said as it is: no case was in progress.
        expect(text).toMatch(
          new RegExp(`^Stopped by ${words}: ending the run before its first case \\(none has started\\), putting the charger back, writing the reports; ${words} again quits at once$`, 'm'),
        );
        expect(text).not.toContain('ending the case in progress');
        expect(text).toMatch(new RegExp(`^Stopped by ${words}: 0 of 1 cases ended; the run is kept in the record as stopped$`, 'm'));
        expect(text).not.toMatch(/TC_003_CS/);
        const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
        expect(json).toMatchObject({ chargerId: id, state: 'stopped', cases: [] });
        const after = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0 });
        try {
          expect(after.conformance.list(id)).toMatchObject([{ chargerId: id, state: 'stopped' }]);
        } finally {
          await after.stop();
        }
      }, 90_000);
    }
  }
});

describe('chargebench commission: a signal during the setup, before the first step', () => {
  it('SIGTERM while the charger is read: ends, says no step had started, exits 143, and the commissioning is kept as stopped', async () => {
    const { dataDir } = await record();
    const port = await freePort();
    const id = 'CP-H3-COMMISSION';
    const run = cliCommand('commission', ['--charger', id, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--site', 'Depot'], cleanup);
    await waitFor(() => run.out.some((l) => l.startsWith(`Waiting for ${id}`)), 30_000);
    const cp = charger(id, port, 'GetConfiguration', () => run.child.kill('SIGTERM'));
    cp.start();
    const code = await run.exited;
    expect({ code, stderr: run.stderr() }).toMatchObject({ code: 143 });
    const text = run.out.join('\n');
    expect(text).toMatch(/^Stopped by SIGTERM: ending the run before its first step \(none has started\), putting the charger back, writing the reports; SIGTERM again quits at once$/m);
    expect(text).not.toContain('ending the step in progress');
    expect(text).toMatch(/^Stopped by SIGTERM: 0 of \d+ steps ended; the commissioning is kept in the record as stopped$/m);
  }, 90_000);
});
