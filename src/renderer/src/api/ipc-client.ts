// The desktop transport: contract calls over the preload's IPC bridge, events pushed by main.
import type { ChargeBenchBridge } from '../../../shared/api/bridge';
import type { CallReply } from '../../../shared/api/contract';
import { CallFailure, EventBatcher, LinkWatch, type BenchClient } from './client';

async function unwrap<T>(reply: Promise<CallReply<unknown>>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new CallFailure(r.error);
  return ('json' in r ? JSON.parse(new TextDecoder().decode(r.json)) : r.value) as T;
}

export function ipcClient(bridge: ChargeBenchBridge): BenchClient {
  const batcher = new EventBatcher(16);
  const link = new LinkWatch();
  link.set('open');
  // Main dropped events this window did not take in time: as after a lost link, what is shown is read again.
  const resync = () => {
    link.heard();
    // What came before the gap goes first, so none of it lands on top of the new snapshot.
    batcher.flush();
    link.set('connecting');
    link.set('open');
  };
  const off = bridge.onEvents((events) => {
    link.heard();
    batcher.push(events);
  }, resync);
  return {
    face: 'desktop',
    call: (method, args) => unwrap(bridge.invoke(method, args)),
    operate: (args) => unwrap(bridge.invoke('chargers:operate', args)),
    subscribe: (listener) => batcher.subscribe(listener),
    onLink: (listener) => link.subscribe(listener),
    exportMessages: (query) => unwrap(bridge.invoke('desktop:exportMessages', query)),
    exportTransactions: (query) => unwrap(bridge.invoke('desktop:exportTransactions', query)),
    hostFile: () => unwrap(bridge.invoke('desktop:chooseFile', {})),
    downloadUpload: ({ id }) => unwrap(bridge.invoke('desktop:saveUpload', { id })),
    downloadReport: ({ runId, file }) => unwrap(bridge.invoke('desktop:saveReport', { runId, file })),
    downloadCommissioningFile: ({ id, file }) => unwrap(bridge.invoke('desktop:saveCommissioningFile', { id, file })),
    close: () => {
      off();
      batcher.dispose();
      link.dispose();
    },
  };
}
