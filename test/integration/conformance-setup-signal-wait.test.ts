// A signal during a run's setup (before its first case or step) while the bench waits for an answer the
// charger never gives ends that wait at once, not after the call's time-out (60 s here, longer than the test
// may take): the command says no case (step) had started, exits 130 (143), and the record keeps the run as
// stopped with no case, with the report asked for written.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { VirtualChargePoint, type VcpFrame } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';
import { waitFor } from '../helpers/bench';
import { chargerHolding, cliRecord } from '../helpers/cli-record';
import { cliCommand, freePort, testCommand } from '../helpers/cli';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const record = () => cliRecord('setup-wait', cleanup);

/** A charger that never answers `unanswered` (the setup's call); `onIt` is called when that call comes. */
const charger = (id: string, port: number, unanswered: string, onIt: () => void, minimumStatusDuration?: string) =>
  chargerHolding({ id, port, action: unanswered, mode: 'ignore', onIt, minimumStatusDuration }, cleanup);
describe('chargebench test: a signal while the setup waits for an answer that does not come', () => {
  for (const [signal, status, words, unanswered, minimumStatusDuration] of [
    ['SIGINT', 130, 'Ctrl-C', 'GetConfiguration', undefined],
    ['SIGTERM', 143, 'SIGTERM', 'ClearCache', undefined],
    // The bench's MinimumStatusDuration 0 left unanswered: the charger may have taken it, and it is named as not put back.
    ['SIGINT', 130, 'Ctrl-C', 'ChangeConfiguration', '5'],
  ] as const) {
    it(`${signal} while the charger does not answer ${unanswered}: ends at once, no case had started, exits ${status}, the run kept as stopped`, async () => {
      const { dataDir, out } = await record();
      const data = join(out, 'data.json');
      writeFileSync(data, JSON.stringify({ chargerTimeoutS: 60 }));
      const port = await freePort();
      const id = `CP-WAIT-${signal}-${unanswered}`.slice(0, 20);
      const run = testCommand(['--charger', id, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--cases', 'TC_003_CS', '--data', data, '--json', join(out, 'r.json')], cleanup);
      await waitFor(() => run.out.some((l) => l.startsWith(`Waiting for ${id}`)), 30_000);
      charger(id, port, unanswered, () => run.child.kill(signal), minimumStatusDuration).start();
      const code = await run.exited;
      // Nothing more is asked of the charger (it would wait behind the unanswered call): said, with why.
      const why = `the run was stopped before its first case while the charger had not answered ${unanswered}`;
      const notBack = `MinimumStatusDuration may not have been put back to 5: it may still be 0 on the charger (${why}; nothing more was asked of it)`;
      expect({ code, stderr: run.stderr().trim().split('\n') }).toEqual({
        code: status,
        stderr: [...(minimumStatusDuration ? [`chargebench test: ${notBack}`] : []), `chargebench test: the configuration at the end was not read: ${why} (nothing more was asked of it)`],
      });
      const text = run.out.join('\n');
      expect(text).toMatch(
        new RegExp(`^Stopped by ${words}: ending the run before its first case \\(none has started\\), putting the charger back, writing the reports; ${words} again quits at once$`, 'm'),
      );
      expect(text).toMatch(new RegExp(`^Stopped by ${words}: 0 of 1 cases ended; the run is kept in the record as stopped$`, 'm'));
      expect(text).not.toMatch(/TC_003_CS/);
      const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
      expect(report).toMatchObject({ chargerId: id, state: 'stopped', cases: [] });
      expect(report.error).toBe(minimumStatusDuration ? notBack : undefined);
      const after = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0 });
      try {
        expect(after.conformance.list(id)).toMatchObject([{ chargerId: id, state: 'stopped' }]);
        // What the setup could not do because of the stop is not a problem of a run in which no case ran.
        expect(after.conformance.get(after.conformance.list(id)[0]!.id).setupProblems).toBeUndefined();
      } finally {
        await after.stop();
      }
    }, 20_000);
  }
});

describe('chargebench commission: a signal while the setup waits for an answer that does not come', () => {
  it('SIGINT while the charger does not answer GetConfiguration (30 s): ends at once, no step had started, exits 130', async () => {
    const { dataDir } = await record();
    const port = await freePort();
    const id = 'CP-WAIT-COMMISSION';
    const run = cliCommand('commission', ['--charger', id, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--site', 'Depot'], cleanup);
    await waitFor(() => run.out.some((l) => l.startsWith(`Waiting for ${id}`)), 30_000);
    charger(id, port, 'GetConfiguration', () => run.child.kill('SIGINT')).start();
    const code = await run.exited;
    expect({ code, stderr: run.stderr() }).toEqual({ code: 130, stderr: '' });
    const text = run.out.join('\n');
    expect(text).toMatch(/^Stopped by Ctrl-C: ending the run before its first step \(none has started\), putting the charger back, writing the reports; Ctrl-C again quits at once$/m);
    expect(text).toMatch(/^Stopped by Ctrl-C: 0 of \d+ steps ended; the commissioning is kept in the record as stopped$/m);
  }, 20_000);
});

describe("chargebench test: a signal while the setup waits for a session's StopTransaction that does not come", () => {
  it('ends at once (not after the 60 s the charger is given), no case had started, exits 130', async () => {
    const { dataDir, out } = await record();
    const data = join(out, 'data.json');
    writeFileSync(data, JSON.stringify({ chargerTimeoutS: 60 }));
    const port = await freePort();
    const id = 'CP-WAIT-STOPTX';
    const run = testCommand(['--charger', id, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--cases', 'TC_003_CS', '--data', data], cleanup);
    await waitFor(() => run.out.some((l) => l.startsWith(`Waiting for ${id}`)), 30_000);
    // A session runs when the setup looks (its GetConfiguration answered 3 s late, meanwhile a session starts);
    // the charger accepts the RemoteStopTransaction but sends its StopTransaction under another transactionId.
    let stopAsked = false;
    const cp = new VirtualChargePoint({
      definition: VirtualChargerDefinition.parse({ id, connectors: 1 }),
      url: `ws://127.0.0.1:${port}/ocpp`,
      onFrame: (f: VcpFrame) => {
        if (f.direction !== 'in' || f.kind !== 'CALL' || f.action !== 'RemoteStopTransaction' || stopAsked) return;
        stopAsked = true;
        setTimeout(() => run.child.kill('SIGINT'), 500);
      },
    });
    cleanup.push(() => cp.stop());
    cp.setFaults({ wrongStopTransactionId: true, actions: { GetConfiguration: { mode: 'delay', delaySeconds: 3, errorCode: 'InternalError' } } });
    cp.start();
    await waitFor(() => cp.view().registration === 'Accepted', 10_000);
    cp.plug(1);
    expect((await cp.presentIdTag(1, 'SETUP-TAG')).accepted).toBe(true);
    const code = await run.exited;
    expect(stopAsked).toBe(true);
    expect(code).toBe(130);
    const text = run.out.join('\n');
    expect(text).toMatch(/^Stopped by Ctrl-C: 0 of 1 cases ended; the run is kept in the record as stopped$/m);
    const after = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0 });
    try {
      const [stopped] = after.conformance.list(id);
      expect(stopped).toMatchObject({ chargerId: id, state: 'stopped' });
      // The wait the Stop ended is not a problem of the run (the cable left in, Finishing, is: it is so).
      expect(after.conformance.get(stopped!.id).setupProblems).toEqual(['connector 1 (Finishing) may still have a cable in: unplug it before the next run']);
    } finally {
      await after.stop();
    }
  }, 20_000);
});
