// Live traffic for the UI benchmarks: plain WebSocket chargers on 127.0.0.1 sending Heartbeats at a
// set pace (and, if asked, every nth call a StatusNotification that moves connector 1 to its next
// status), each keeping at most one call outstanding (OCPP's one call at a time).
import WebSocket from 'ws';

export interface LiveLoad {
  /** Frames (CALL + answer) exchanged so far. */
  frames(): number;
  stop(): Promise<void>;
}

const STATUSES = ['Available', 'Preparing', 'Charging', 'SuspendedEV', 'Finishing'];

/** `framesPerSec` counts both a CALL and its answer, shared evenly by the chargers. */
export async function startLiveLoad(wsBase: string, chargers: number, framesPerSec: number, opts: { prefix?: string; statusEvery?: number } = {}): Promise<LiveLoad> {
  let answered = 0;
  const sockets: WebSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const everyMs = (1000 * chargers) / (framesPerSec / 2);
  await Promise.all(
    Array.from(
      { length: chargers },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`${wsBase}/${opts.prefix ?? 'LIVE'}-${String(i + 1).padStart(3, '0')}`, ['ocpp1.6']);
          sockets.push(ws);
          let seq = 0;
          let waiting = false;
          ws.on('open', () => {
            resolve();
            // Spread the chargers over the period, so the frames come evenly.
            setTimeout(
              () => {
                timers.push(
                  setInterval(() => {
                    if (waiting || ws.readyState !== WebSocket.OPEN) return;
                    waiting = true;
                    const n = ++seq;
                    if (opts.statusEvery && n % opts.statusEvery === 0) {
                      const status = STATUSES[(n / opts.statusEvery) % STATUSES.length];
                      ws.send(JSON.stringify([2, `st-${n}`, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status, timestamp: new Date().toISOString() }]));
                    } else ws.send(JSON.stringify([2, `hb-${n}`, 'Heartbeat', {}]));
                  }, everyMs),
                );
              },
              (everyMs * i) / chargers,
            );
          });
          ws.on('message', () => {
            waiting = false;
            answered++;
          });
          ws.on('error', reject);
        }),
    ),
  );
  return {
    frames: () => answered * 2,
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              ws.once('close', () => resolve());
              ws.close();
              setTimeout(() => (ws.terminate(), resolve()), 2000);
            }),
        ),
      );
    },
  };
}
