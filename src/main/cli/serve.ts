// `chargebench serve`: the bench headless, with the automation API and the bench UI on 127.0.0.1.
import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Bench } from '../core/bench';
import { ApiServer } from '../api-server/server';
import { ApiTokenFile } from '../api-server/api-token';
import { reachableAddresses } from '../core/network';
import type { BenchEvent, BenchSettings } from '../../shared/api/views';
import { version } from '../version';
import { printable } from './terminal';
import { formatClock } from '../../shared/format/time';
import { dataDirOption, int, projectRoot } from './options';
import { apiTokenProblem } from '../../shared/api/input-rules';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the OCPP 1.6J central system headless, with the automation API (HTTP + WebSocket) on 127.0.0.1')
    .option('--host <address>', 'address the central system listens on', '0.0.0.0')
    .option('--port <port>', 'port chargers connect to (default: the saved OCPP port setting, 9000 at first)', int('--port', 0, 65535))
    .option('--ftp-port <port>', "port of the bench's FTP server, for diagnostics uploads and firmware (default: the saved FTP port setting, 2121 at first)", int('--ftp-port', 0, 65535))
    .option('--api-port <port>', 'port of the automation API (always on 127.0.0.1)', int('--api-port', 0, 65535), 8180)
    .addOption(dataDirOption('where the record (SQLite) is kept'))
    .option('--api-token <token>', 'bearer token the API requires for this run only (default: the one kept in the data directory, made at first start)')
    .option('--new-api-token', 'make a new API token (saved in the data directory); saved links and open tabs must sign in again')
    .addOption(new Option('--boot-status <status>', 'answer to BootNotification (saved)').choices(['Accepted', 'Pending', 'Rejected']))
    .option('--heartbeat-interval <seconds>', 'heartbeat interval given to chargers (saved)', int('--heartbeat-interval', 1, 86400))
    .addOption(new Option('--auth <mode>', 'accept-all: unknown idTags are accepted; local-list: only listed tags (saved)').choices(['accept-all', 'local-list']))
    .option('--call-timeout <seconds>', 'how long to wait for a charger to answer (saved)', int('--call-timeout', 1, 3600))
    .option('--require-password', 'security profile 1: refuse chargers that have no password on the bench (saved)')
    .option('--no-require-password', 'let chargers without a bench password connect without auth (saved; the default)')
    .addOption(new Option('--unknown-chargers <policy>', 'accept: any identity may connect; reject: only chargers registered on the bench (saved)').choices(['accept', 'reject']))
    .option('--quiet', 'do not print connections and status changes')
    .action(async (opts) => {
      // Checked here rather than by commander, whose refusal would repeat the token on the terminal.
      const tokenProblem = opts.apiToken === undefined ? null : apiTokenProblem(opts.apiToken);
      if (tokenProblem) {
        console.error(`chargebench serve: --api-token ${tokenProblem}`);
        process.exit(2);
      }
      const dataDir = resolve(opts.dataDir);
      let bench: Bench;
      try {
        bench = await Bench.start({ dataDir, host: opts.host, port: opts.port, ftpPort: opts.ftpPort, face: 'chargebench serve' });
      } catch (e) {
        console.error(`chargebench: ${(e as Error).message}`);
        process.exit(1);
      }
      const patch: Partial<BenchSettings> = {};
      if (opts.bootStatus) patch.defaultBootStatus = opts.bootStatus;
      if (opts.heartbeatInterval) patch.heartbeatInterval = opts.heartbeatInterval;
      if (opts.auth) patch.authorization = opts.auth === 'local-list' ? 'localList' : 'acceptAll';
      if (opts.callTimeout) patch.callTimeout = opts.callTimeout;
      // undefined unless given: commander leaves the default alone when both --x and --no-x are defined.
      if (opts.requirePassword !== undefined) patch.requirePassword = opts.requirePassword;
      if (opts.unknownChargers) patch.unknownChargers = opts.unknownChargers;
      if (Object.keys(patch).length) await bench.settings.update(patch);
      // The token lives in the data directory (taken only once the directory is ours, so two benches cannot race on it).
      const tokenFile = new ApiTokenFile(dataDir);
      const token: string = opts.apiToken ?? (opts.newApiToken ? tokenFile.regenerate() : tokenFile.load());
      const uiDir = join(projectRoot(), 'out', 'renderer');
      const api = new ApiServer(bench, {
        host: '127.0.0.1',
        port: opts.apiPort,
        token,
        uiDir,
        regenerateToken: opts.apiToken ? undefined : () => tokenFile.regenerate(),
        tokenSource: { source: opts.apiToken ? 'option' : 'saved', file: tokenFile.path },
      });
      try {
        await api.start();
      } catch (e) {
        console.error(`chargebench: ${(e as Error).message}`);
        await bench.stop();
        process.exit(1);
      }
      const cs = bench.ocppAddress();
      const apiAddr = api.address();
      const s = bench.settings.get();
      const uiBuilt = existsSync(join(uiDir, 'index.html'));
      console.log(`ChargeBench ${version}: OCPP 1.6J central system`);
      if (uiBuilt) console.log(`  Open the bench UI    http://127.0.0.1:${apiAddr.port}/?token=${token}`);
      else console.log('  Bench UI             not built yet: run npm run build (the API works meanwhile)');
      for (const a of reachableAddresses(cs)) console.log(`  Chargers connect to  ${a.url}<chargePointId>`);
      const ftp = bench.ftp.address();
      console.log(
        `  Files for chargers   HTTP on port ${cs.port}, ${ftp ? `FTP on port ${ftp.port}` : 'no FTP (see above)'}: firmware and diagnostics locations with per-request credentials, for a day`,
      );
      console.log(`  Automation API       http://127.0.0.1:${apiAddr.port}/api/`);
      console.log(`  API token            ${token}${opts.apiToken ? ' (this run only)' : ` (kept in ${tokenFile.path}; --new-api-token makes a new one)`}`);
      console.log(`  Record               ${join(dataDir, 'chargebench.sqlite')}`);
      console.log(
        `  Boot answer ${s.defaultBootStatus}, heartbeat ${s.heartbeatInterval} s, idTags ${s.authorization === 'acceptAll' ? 'accept all' : 'local list only'}, call timeout ${s.callTimeout} s, passwords ${s.requirePassword ? 'required' : 'checked where set'}, unknown chargers ${s.unknownChargers === 'accept' ? 'accepted' : 'refused'}`,
      );
      const virtual = bench.virtualChargers.list();
      if (virtual.length) console.log(`  Virtual chargers     ${virtual.map((v) => `${v.id}${v.running ? '' : ' (stopped)'}`).join(', ')}`);
      console.log('Press Ctrl+C to stop.');
      const health = bench.health();
      if (!health.ok) console.log(`  ALARM                ${health.message}`);
      if (!opts.quiet)
        bench.bus.subscribe((e) => {
          const line = describeEvent(e);
          if (line) console.log(`${formatClock(bench.clock.now())}  ${printable(line)}`);
        });

      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await api.stop();
        await bench.stop();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}

/** One line for the console per event worth printing (escaped by the caller: it may hold a charger's text). */
function describeEvent(e: BenchEvent): string | null {
  switch (e.type) {
    case 'chargerConnected':
      return `${e.chargerId} connected from ${e.remoteAddress ?? '?'}`;
    case 'chargerDisconnected':
      return `${e.chargerId} disconnected: ${e.reason}`;
    case 'connectionRefused':
      return `refused ${e.chargerId ?? 'a connection'} from ${e.remoteAddress ?? '?'}: ${e.reason}`;
    case 'bootNotification':
      return `${e.chargerId} booted: ${e.boot.chargePointVendor} ${e.boot.chargePointModel} fw ${e.boot.firmwareVersion ?? '?'} -> ${e.status}`;
    case 'statusChanged':
      return `${e.chargerId} connector ${e.connector.connectorId}: ${e.connector.status}${e.connector.errorCode !== 'NoError' ? ` (${e.connector.errorCode})` : ''}`;
    case 'transactionStarted':
      return `${e.transaction.chargerId} transaction ${e.transaction.transactionId} started on connector ${e.transaction.connectorId} for ${e.transaction.idTag} (${e.transaction.authStatus})`;
    case 'transactionStopped':
      return `${e.transaction.chargerId} transaction ${e.transaction.transactionId} stopped (${e.transaction.stopReason}), ${e.transaction.energyWh ?? '?'} Wh${e.transaction.warning ? ` (${e.transaction.warning})` : ''}`;
    case 'operationFinished':
      return `${e.operation.chargerId} ${e.operation.action}: ${e.operation.outcome}`;
    case 'uploadChanged':
      if (e.upload.status === 'receiving') return e.upload.bytes === 0 ? `${e.upload.chargerId} is uploading ${e.upload.name} over ${e.upload.via.toUpperCase()}` : null;
      if (e.upload.status === 'received') return `${e.upload.chargerId} uploaded ${e.upload.name} (${e.upload.bytes} bytes) over ${e.upload.via.toUpperCase()}`;
      if (e.upload.status === 'incomplete') return `${e.upload.chargerId}'s upload of ${e.upload.name} may be incomplete (${e.upload.bytes} bytes kept): ${e.upload.error}`;
      return `${e.upload.chargerId}'s upload of ${e.upload.name} failed: ${e.upload.error}`;
    default:
      return null;
  }
}
