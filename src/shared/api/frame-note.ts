// A frame's `error` in the message log is the bench's objection to it (a schema violation, a protocol error)
// or, prefixed "Warning: ", a note on a frame that is valid OCPP but worth a look (a StopTransaction for a
// transaction that is not the charger's own running one). Both flag the frame; only an objection is a violation.

export const WARNING_PREFIX = 'Warning: ';

/** The frame's note as a warning (valid OCPP, flagged for a look). */
export const warningNote = (text: string): string => `${WARNING_PREFIX}${text}`;

/** Whether a frame's `error` is a warning note, not an objection. */
export const isWarningNote = (error: string | null | undefined): boolean => !!error && error.startsWith(WARNING_PREFIX);

/** The objection a frame's `error` holds: null for none, and for a warning note. */
export const violationOf = (error: string | null | undefined): string | null => (error && !isWarningNote(error) ? error : null);
