// Benchmark child: the reference server, an ocpp-rpc RPCServer in strict mode (schema validation of
// requests and responses) answering BootNotification, Heartbeat and MeterValues; reports port and RSS.
import type { AddressInfo } from 'node:net';
import { RPCServer } from 'ocpp-rpc';
import { exitWithParent, toParent, type ParentToServer, type ServerToParent } from './ipc';

const send = (m: ServerToParent): Promise<void> => toParent(m);

function stats(): ServerToParent {
  const cpu = process.cpuUsage();
  return { type: 'stats', rss: process.memoryUsage().rss, cpuUs: cpu.user + cpu.system, atUs: Number(process.hrtime.bigint() / 1000n) };
}

async function main(): Promise<void> {
  exitWithParent();
  const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true });
  server.on('client', (client) => {
    client.handle('BootNotification', () => ({ status: 'Accepted', interval: 300, currentTime: new Date().toISOString() }));
    client.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
    client.handle('MeterValues', () => ({}));
  });
  const http = await server.listen(0, '127.0.0.1');
  process.on('message', (m: ParentToServer) => {
    if (m.type === 'stats') void send(stats());
    else if (m.type === 'stop') {
      void server
        .close({ force: true })
        .then(() => send({ type: 'stopped' }))
        .then(() => process.exit(0))
        .catch((e: Error) => send({ type: 'failed', message: e.stack ?? e.message }).then(() => process.exit(1)));
    }
  });
  await send({ type: 'ready', port: (http.address() as AddressInfo).port });
}

main().catch((e: Error) => send({ type: 'failed', message: e.stack ?? e.message }).then(() => process.exit(1)));
