// The bench's events (connections, frames, statuses, transactions, operations, virtual chargers, health):
// published by the parts of the core, subscribed to by the faces (IPC, serve's event stream, the console).
// A subscriber that throws is its own fault: the others still get the event and the publisher (the central
// system recording a frame, a run) never sees the throw; it is reported once per subscriber and kind of event.
import type { BenchEvent } from '../../shared/api/views';
import { systemClock, type Clock, type Timer } from '../clock';

type Listener = (event: BenchEvent) => void;
/** Where a subscriber's throw is said. */
type Report = (line: string, error: unknown) => void;

/** The console, as the bench's other internal errors. */
const toConsole: Report = (line, e) => console.error(`chargebench: ${line}`, e);

/** One subscription (the same function subscribed twice is called twice, as with an EventEmitter). */
interface Subscription {
  readonly listener: Listener;
  /** The kinds of event this subscriber has thrown on, each reported once. */
  readonly failedOn: Set<string>;
}

export class EventBus {
  private subscriptions: readonly Subscription[] = [];

  /** `clock`: the bench's, which paces batched subscribers. `report`: where a subscriber's throw is said. */
  constructor(
    readonly clock: Clock = systemClock,
    private readonly report: Report = toConsole,
  ) {}

  /** Calls every subscriber with `event`; never throws (see the module's note). */
  publish(event: BenchEvent): void {
    // The list as it was when the event was published: a subscriber that (un)subscribes changes the next event's.
    // On the path of every frame: no closure per subscriber, the throw caught here.
    for (const s of this.subscriptions) {
      try {
        s.listener(event);
      } catch (e) {
        reportOnce(s.failedOn, event.type, e, this.report);
      }
    }
  }

  /** Calls `listener` with every event from now on; returns what stops it. */
  subscribe(listener: Listener): () => void {
    const s: Subscription = { listener, failedOn: new Set() };
    this.subscriptions = [...this.subscriptions, s];
    return () => void (this.subscriptions = this.subscriptions.filter((x) => x !== s));
  }

  /**
   * Like subscribe, but with every event of up to `ms` at once, in order: one call per burst rather than
   * one per event (a face that forwards them pays per message, not per event). Paced by the bench's clock.
   */
  subscribeBatched(listener: (events: BenchEvent[]) => void, ms: number): () => void {
    let queue: BenchEvent[] = [];
    let timer: Timer | null = null;
    const failedOn = new Set<string>();
    const flush = () => {
      timer = null;
      const batch = queue;
      queue = [];
      // Called from a timer, where a throw would end the process rather than reach a publisher.
      try {
        listener(batch);
      } catch (e) {
        reportOnce(failedOn, 'batch', e, this.report);
      }
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
    return this.subscriptions.length > 0;
  }
}

/** A subscriber's throw, reported the first time it comes on this kind of event, never passed on. */
function reportOnce(failedOn: Set<string>, kind: string, e: unknown, report: Report = toConsole): void {
  if (failedOn.has(kind)) return;
  failedOn.add(kind);
  const what = kind === 'batch' ? 'a batch of events' : `a ${kind} event`;
  report(`a subscriber to the bench's events failed on ${what} (said once per subscriber and kind of event; the other subscribers are not affected):`, e);
}
