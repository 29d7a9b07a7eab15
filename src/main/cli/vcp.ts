// `chargebench vcp`: virtual charge points against any central system. One charger prints every frame
// and takes physical actions typed on stdin; a fleet (--count) prints a summary line every few seconds.
import { Command } from 'commander';
import { int } from './options';
import { createInterface } from 'node:readline';
import { firstIssue } from '../../shared/api/issues';
import { activeFaults, faultRows, faultSummary, physicalActions, VirtualChargerDefinition, type PhysicalAction } from '../../shared/api/virtual-chargers';
import { redactFrameText } from '../../shared/ocpp16';
import { printable } from './terminal';
import { VirtualChargePoint, type VcpFrame } from '../virtual-cp/charge-point';
import { BenchError } from '../errors';
import { actionsSwitchedOff, actionsSwitchedOffWords, faultPatch } from '../virtual-cp/faults';
import { commandLine, commandUsage, performPhysicalAction } from '../virtual-cp/physical-actions';
import { formatClock } from '../../shared/format/time';

/**
 * The fleet's ids, counting up from the given one and keeping its zero-padding as the least width:
 * CP001 with --count 3 gives CP001, CP002, CP003; past CP999 comes CP1000 (numbers past the width grow as
 * numbers do), and CP1 gives CP1, CP2, CP3. An id without digits gets them appended from 001 (BENCH001, …).
 * Counted as big integers, so an id of many digits counts exactly: every id differs from the others.
 */
export function fleetIds(base: string, count: number): string[] {
  if (count === 1) return [base];
  const m = /^(.*?)(\d+)$/.exec(base);
  const prefix = m ? m[1] : base;
  const first = m ? BigInt(m[2]) : 1n;
  const width = m ? m[2].length : 3;
  return Array.from({ length: count }, (_, i) => `${prefix}${String(first + BigInt(i)).padStart(width, '0')}`);
}

/** One frame on one line: time, charger, arrow, what it is, payload. */
export function formatFrame(f: VcpFrame): string {
  const t = formatClock(f.ts);
  const arrow = f.direction === 'out' ? '->' : '<-';
  let what: string;
  let body: string;
  try {
    const frame = JSON.parse(f.raw) as unknown[];
    if (f.kind === 'CALL') {
      what = `${f.action}`;
      body = JSON.stringify(frame[3]);
    } else if (f.kind === 'CALLRESULT') {
      what = `${f.action ?? '?'} result`;
      body = JSON.stringify(frame[2]);
    } else if (f.kind === 'CALLERROR') {
      what = `${f.action ?? '?'} CALLERROR ${frame[2]}`;
      body = `${frame[3]}`;
    } else {
      what = 'INVALID';
      body = f.raw;
    }
  } catch {
    what = 'INVALID';
    body = f.raw;
  }
  return `${t}  ${f.chargerId} ${arrow} ${what}  ${body}${f.error ? `  !! ${f.error}` : ''}`;
}

/** The stdin commands: the physical actions by their vocabulary, then the fault switches and the CLI's own. */
export function helpText(): string {
  const rows: Array<[string, string]> = (Object.keys(physicalActions) as PhysicalAction[]).map((a) => [commandUsage(a), physicalActions[a].explanation]);
  const own: Array<[string, string]> = [
    ['switch', 'Lists the fault switches, with which are on.'],
    ['switch <fault> on|off [json]', 'Sets one, e.g. switch offline on {"seconds": 30}.'],
    ['status', 'Shows the connection, each connector and the fault switches on.'],
    ['help', 'Shows this list.'],
    ['quit', 'Stops the charger and exits (so do exit and Ctrl-C).'],
  ];
  const width = Math.max(...[...rows, ...own].map(([usage]) => usage.length)) + 2;
  const line = ([usage, what]: [string, string]) => `  ${usage.padEnd(width)}${what}`;
  return ['Physical actions (type and press Enter; connector 0 is the whole charger):', ...rows.map(line), 'Fault switches and the rest:', ...own.map(line)].join('\n');
}

export function registerVcpCommand(program: Command): void {
  program
    .command('vcp')
    .description('Run virtual charge points against any OCPP 1.6J central system')
    .requiredOption('--url <url>', 'central system URL without the identity, e.g. ws://host:9000/ocpp')
    .requiredOption('--id <id>', 'charge point identity (with --count, the first of the fleet: CP001 gives CP001, CP002, …; past CP999, CP1000)')
    .option('--connectors <n>', 'connectors per charger', int('--connectors', 1, 10), 1)
    .option('--password <password>', 'security profile 1: Basic auth password (AuthorizationKey, 16 to 40 characters)')
    .option('--count <n>', 'run a fleet of n chargers with consecutive ids', int('--count', 1, 20_000), 1)
    .option('--vendor <name>', 'chargePointVendor in BootNotification', 'ChargeBench')
    .option('--model <name>', 'chargePointModel in BootNotification', 'Virtual AC')
    .option('--firmware <version>', 'firmware version reported', '1.0.0')
    .option('--max-power <watts>', 'most a connector delivers, W', int('--max-power', 1000, 350_000), 22_000)
    .option('--fixed-cable', 'a cable fixed to the charger, no socket: plugging in is the EV being connected; UnlockConnector answers NotSupported')
    .option('--backup-power', 'back-up power: on a power cut the charger ends its sessions (PowerLoss) before it goes down')
    .option('--connect-rate <n>', 'fleet: new connections per second', int('--connect-rate', 1, 10_000), 200)
    .option('--verbose', 'fleet: print every frame too')
    .option('--quiet', 'print no frames')
    .action(async (opts) => {
      let url: URL;
      try {
        url = new URL(opts.url);
        if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error('not ws');
      } catch {
        console.error(`chargebench vcp: --url must be a ws:// or wss:// URL such as ws://192.168.1.20:9000/ocpp; got "${opts.url}"`);
        process.exit(2);
      }
      const ids = fleetIds(opts.id, opts.count);
      const definitions = [];
      for (const id of ids) {
        const def = VirtualChargerDefinition.safeParse({
          id,
          connectors: opts.connectors,
          password: opts.password,
          vendor: opts.vendor,
          model: opts.model,
          firmwareVersion: opts.firmware,
          maxPowerW: opts.maxPower,
          fixedCable: !!opts.fixedCable,
          backupPower: !!opts.backupPower,
        });
        if (!def.success) {
          const { field, message } = firstIssue(def.error, { key: 'first' });
          const flag = { id: '--id', password: '--password', vendor: '--vendor', model: '--model', firmwareVersion: '--firmware' }[field] ?? field;
          console.error(`chargebench vcp: ${flag}: ${message}`);
          process.exit(2);
        }
        definitions.push(def.data);
      }
      const fleet = opts.count > 1;
      const printFrames = !opts.quiet && (!fleet || opts.verbose);
      let frames = 0;
      const latencies: number[] = [];
      const chargers = definitions.map(
        (definition) =>
          new VirtualChargePoint({
            definition,
            url: opts.url,
            keepDiagnostics: !fleet,
            onFrame: (f) => {
              frames++;
              if (printFrames) console.log(printable(formatFrame({ ...f, raw: redactFrameText(f.raw) })));
            },
            onCallDone: fleet ? (_a, ms) => latencies.push(ms) : undefined,
          }),
      );
      console.log(
        `ChargeBench virtual charge point${fleet ? `s ${ids[0]}..${ids[ids.length - 1]} (${ids.length})` : ` ${ids[0]}`}, ${opts.connectors} connector(s), to ${opts.url}${opts.password ? ' with Basic auth' : ''}`,
      );

      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await Promise.all(chargers.map((c) => c.stop()));
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);

      if (!fleet) {
        const vcp = chargers[0];
        let lastError: string | null = null;
        const report = setInterval(() => {
          const e = vcp.view().lastError;
          if (e && e !== lastError) console.log(printable(`${formatClock(Date.now())}  ${vcp.id}: ${e}`));
          lastError = e;
        }, 250);
        report.unref();
        vcp.start();
        if (process.stdin.isTTY) console.log(helpText());
        const rl = createInterface({ input: process.stdin });
        rl.on('line', (line) => void runCommand(vcp, line.trim(), stop));
        rl.on('close', () => {
          if (process.stdin.isTTY) void stop();
        });
        return;
      }

      const perTick = Math.max(1, Math.round(opts.connectRate / 10));
      let next = 0;
      const starter = setInterval(() => {
        for (let i = 0; i < perTick && next < chargers.length; i++) chargers[next++].start();
        if (next >= chargers.length) clearInterval(starter);
      }, 100);
      let lastFrames = 0;
      let lastAt = Date.now();
      setInterval(() => {
        const now = Date.now();
        const rate = ((frames - lastFrames) * 1000) / (now - lastAt);
        lastFrames = frames;
        lastAt = now;
        const views = chargers.map((c) => c.view());
        const connected = views.filter((v) => v.connection === 'connected').length;
        const accepted = views.filter((v) => v.registration === 'Accepted').length;
        const sorted = latencies.splice(0).sort((a, b) => a - b);
        const p99 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : 0;
        const errors = new Set(views.map((v) => v.lastError).filter(Boolean));
        console.log(
          `${formatClock(Date.now())}  started ${next}/${chargers.length}, connected ${connected}, accepted ${accepted}, ${Math.round(rate)} frames/s, p99 ${p99.toFixed(1)} ms${errors.size ? `; e.g. ${[...errors][0]}` : ''}`,
        );
      }, 5000);
    });
}

async function runCommand(vcp: VirtualChargePoint, line: string, quit: () => Promise<void>): Promise<void> {
  if (!line) return;
  const words = line.split(/\s+/);
  const cmd = words[0];
  try {
    const typed = commandLine(words);
    if (typed && 'usage' in typed) throw new BenchError(400, typed.usage);
    if (typed) {
      const outcome = (await performPhysicalAction(vcp, typed.action, typed.body, 'command')) as { message?: string } | undefined;
      if (outcome?.message) console.log(outcome.message);
      return;
    }
    switch (cmd) {
      case 'switch':
        return switchFault(vcp, line.slice(cmd.length).trim());
      case 'status': {
        const v = vcp.view();
        console.log(`${v.id}: ${v.connection}, registration ${v.registration ?? '-'}, firmware ${v.firmwareVersion}, ${v.queuedMessages} queued`);
        for (const c of v.connectors)
          console.log(
            `  connector ${c.connectorId}: ${c.status}${c.errorCode !== 'NoError' ? ` (${c.errorCode})` : ''}${c.plugged ? ', plugged' : ''}${c.transaction ? `, transaction ${c.transaction.transactionId ?? '(pending)'} for ${c.transaction.idTag}, ${c.transaction.energyWh} Wh` : ''}, ${c.powerW} W, meter ${c.meterWh} Wh`,
          );
        const on = activeFaults(v.faults);
        if (on.length) console.log(`  fault switches on: ${on.join(', ')}`);
        return;
      }
      case 'help':
        return console.log(helpText());
      case 'quit':
      case 'exit':
        return void quit();
      default:
        console.log(`Unknown command "${cmd}". Type help.`);
    }
  } catch (e) {
    console.log(`Cannot ${cmd}: ${(e as Error).message}`);
  }
}

/** `switch` lists the fault switches; `switch offline on {"seconds": 30}` sets one (the API's body, on/off in front). */
function switchFault(vcp: VirtualChargePoint, rest: string): void {
  if (!rest) {
    for (const [name, row] of faultRows) console.log(`  ${name.padEnd(26)}${faultSummary(row, vcp.faults).length ? 'on ' : 'off'}  ${row.label}: ${row.explanation}`);
    return;
  }
  const m = /^(\S+)(?:\s+(on|off))?\s*(.*)$/.exec(rest)!;
  let body: Record<string, unknown> = {};
  if (m[3]) {
    try {
      body = JSON.parse(m[3]) as Record<string, unknown>;
    } catch {
      throw new BenchError(400, `${m[3]} is not JSON; e.g. switch ${faultRows[0][0]} ${faultRows[0][1].example}`);
    }
  }
  if (m[2]) body = { ...body, on: m[2] === 'on' };
  const before = vcp.faults;
  vcp.setFaults(faultPatch(m[1], body, before));
  // `switch action off` (every action's fault, or the one given) says which it turned off, or that none was on.
  const off = actionsSwitchedOff(m[1]!, body, before, vcp.faults);
  if (off) console.log(actionsSwitchedOffWords(off, body));
  console.log(activeFaults(vcp.faults).length ? `Fault switches on: ${activeFaults(vcp.faults).join(', ')}` : 'All fault switches off');
}
