// What the Electron preload puts on window.chargebench: invoke a contract call (or a desktop-only
// channel) and receive the bench's events in batches. Absent when the UI is served to a browser.
import type { BenchEvent } from './events';
import type { HostedFileView } from './views';
import type { CallReply } from './contract';

export { desktopMethods, type DesktopMethod } from './methods';

/**
 * desktop:chooseFile takes {} and answers the file the user picked in the native dialog, now served to
 * chargers by the bench, or null when they cancelled.
 */
export type ChooseFileResult = HostedFileView | null;

/** A message on the events channel: a batch, or how many events main dropped for a window that fell behind. */
export type EventsMessage = { seq: number; events: BenchEvent[] } | { seq: number; missed: number };

export interface ChargeBenchBridge {
  invoke(channel: string, arg: unknown): Promise<CallReply<unknown>>;
  /** `onMissed`: main dropped events (the window took none for a while); what is shown must be read again. */
  onEvents(listener: (events: BenchEvent[]) => void, onMissed?: (missed: number) => void): () => void;
}
