// What a logged frame carries, read from its raw text: the payload of a CALL or CALLRESULT, the error
// of a CALLERROR. Shared by the log screen (preview, detail) and the export.
import type { MessageView } from './views';

export type FramePayload = unknown;

/** The frame's payload (a CALLERROR's code, description and details), or null when it cannot be read. */
export function framePayload(m: Pick<MessageView, 'kind' | 'raw'>): FramePayload | null {
  let frame: unknown;
  try {
    frame = JSON.parse(m.raw);
  } catch {
    return null;
  }
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
