// Live traffic for the log benchmark: plain WebSocket chargers on 127.0.0.1 sending Heartbeats at a
// set pace, each keeping at most one call outstanding (OCPP's one call at a time).
import WebSocket from 'ws';

export interface LiveLoad {
  /** Frames (CALL + answer) exchanged so far. */
  frames(): number;
  stop(): Promise<void>;
}

/** `framesPerSec` counts both a CALL and its answer, shared evenly by the chargers. */
export async function startLiveLoad(wsBase: string, chargers: number, framesPerSec: number): Promise<LiveLoad> {
  let answered = 0;
  const sockets: WebSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const everyMs = (1000 * chargers) / (framesPerSec / 2);
  await Promise.all(
    Array.from(
      { length: chargers },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`${wsBase}/LIVE-${String(i + 1).padStart(3, '0')}`, ['ocpp1.6']);
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
                    ws.send(JSON.stringify([2, `hb-${++seq}`, 'Heartbeat', {}]));
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
