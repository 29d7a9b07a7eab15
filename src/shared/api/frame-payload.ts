// What a logged frame carries, read from its raw text: the payload of a CALL or CALLRESULT, the error
// of a CALLERROR. Shared by the log screen (preview, detail) and the export.
import type { MessageView } from './views';
import { nestsDeeperThan } from '../ocpp16/frames';

export type FramePayload = unknown;

/**
 * A recorded frame's JSON, or undefined when it is not JSON or nests deeper than any OCPP message (the
 * bench records those as excerpts; an older record may hold one whole, and showing or exporting it would
 * overflow the stack): such a frame is shown as its text.
 */
export function frameJson(raw: string): unknown {
  try {
    const frame: unknown = JSON.parse(raw);
    return nestsDeeperThan(frame) ? undefined : frame;
  } catch {
    return undefined;
  }
}

/** The frame's payload (a CALLERROR's code, description and details), or null when it cannot be read. */
export function framePayload(m: Pick<MessageView, 'kind' | 'raw'>): FramePayload | null {
  const frame = frameJson(m.raw);
  if (!Array.isArray(frame)) return null;
  switch (m.kind) {
    case 'CALL':
      return frame[3] ?? null;
    case 'CALLRESULT':
      return frame[2] ?? null;
    case 'CALLERROR':
      return { errorCode: frame[2] ?? null, errorDescription: frame[3] ?? null, errorDetails: frame[4] ?? null };
    default:
      return null;
  }
}
