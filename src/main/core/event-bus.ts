// The bench's events (connections, frames, statuses, transactions, operations, virtual chargers, health):
// published by the parts of the core, subscribed to by the faces (IPC, serve's event stream, the console).
import { EventEmitter } from 'node:events';
import type { BenchEvent } from '../../shared/api/views';
import { systemClock, type Clock, type Timer } from '../clock';

export class EventBus {
  private readonly emitter = new EventEmitter();

  /** `clock`: the bench's, which paces batched subscribers. */
  constructor(readonly clock: Clock = systemClock) {
    this.emitter.setMaxListeners(0);
  }

  publish(event: BenchEvent): void {
    this.emitter.emit('event', event);
  }

  /** Calls `listener` with every event from now on; returns what stops it. */
  subscribe(listener: (event: BenchEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => void this.emitter.off('event', listener);
  }

  /**
   * Like subscribe, but with every event of up to `ms` at once, in order: one call per burst rather than
   * one per event (a face that forwards them pays per message, not per event). Paced by the bench's clock.
   */
  subscribeBatched(listener: (events: BenchEvent[]) => void, ms: number): () => void {
    let queue: BenchEvent[] = [];
    let timer: Timer | null = null;
    const flush = () => {
      timer = null;
      const batch = queue;
      queue = [];
      listener(batch);
    };
    const off = this.subscribe((e) => {
      queue.push(e);
      timer ??= this.clock.after(ms, flush);
    });
    return () => {
      off();
      timer?.cancel();
    };
  }

  /** Whether anyone listens: costly events (every frame) are made only then. */
  get hasListeners(): boolean {
    return this.emitter.listenerCount('event') > 0;
  }
}
