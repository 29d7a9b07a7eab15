// One fuzzing connection, in a worker thread so the good charger's answer times (measured on the main
// thread) are not held up by this side's own work. Makes its frames, waits for the word to go, sends them
// in bursts, then checks every answer itself and reports only the counts.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { fuzzFrames, specErrorCodes, validPerSchema } from '../../test/helpers/fuzz-frames';

const { url, seed, count, prefix } = workerData as { url: string; seed: number; count: number; prefix: string };
const frames = fuzzFrames(seed, count, prefix);
const ids = new Set(frames.filter((f) => f.id !== null).map((f) => f.id!));
const replies = new Map<string, unknown[]>();
const ws = new WebSocket(url, ['ocpp1.6']);
await new Promise((resolve, reject) => {
  ws.once('open', resolve);
  ws.once('error', reject);
});
let answered = 0;
const done = new Promise<void>((resolve) => {
  ws.on('message', (data) => {
    const reply = JSON.parse(String(data)) as unknown[];
    const id = String(reply[1]);
    if (ids.has(id) && !replies.has(id)) answered++;
    replies.set(id, reply);
    if (answered >= ids.size) resolve();
  });
  ws.once('close', () => resolve());
});
parentPort!.postMessage({ ready: true });
await new Promise<void>((resolve) => parentPort!.once('message', () => resolve()));
const started = performance.now();
for (let i = 0; i < frames.length; i++) {
  ws.send(frames[i].text);
  if (i % 20 === 19) await new Promise((r) => setTimeout(r, 2));
}
await Promise.race([done, new Promise((r) => setTimeout(r, 600_000))]);
const seconds = (performance.now() - started) / 1000;
ws.close();
const counts = { seconds, frames: frames.length, deep: 0, calls: 0, unanswered: 0, wrongCodes: 0, disagreements: 0, examples: [] as string[] };
for (const f of frames) {
  if (f.mutations.some((m) => m.startsWith('deep'))) counts.deep++;
  if (f.id === null) continue;
  counts.calls++;
  const reply = replies.get(f.id);
  if (!reply) {
    counts.unanswered++;
    if (counts.examples.length < 5) counts.examples.push(`unanswered ${f.id}: ${f.mutations.join(', ')}`);
    continue;
  }
  if (reply[0] === 4 && (!specErrorCodes.has(String(reply[2])) || reply[2] === 'InternalError')) counts.wrongCodes++;
  if (validPerSchema(f.text) !== (reply[0] === 3)) {
    counts.disagreements++;
    if (counts.examples.length < 5) counts.examples.push(`${f.id} (${f.mutations.join(', ')}): ${JSON.stringify(reply).slice(0, 120)}`);
  }
}
parentPort!.postMessage(counts);
