// The bench's events (connections, frames, statuses, transactions, operations, virtual chargers, health):
// published by the parts of the core, subscribed to by the faces (IPC, serve's event stream, the console).
import { EventEmitter } from 'node:events';
import type { BenchEvent } from '../../shared/api/views';

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
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

  /** Whether anyone listens: costly events (every frame) are made only then. */
  get hasListeners(): boolean {
    return this.emitter.listenerCount('event') > 0;
  }
}
