// GetCompositeSchedule: the limits the installed charging profiles set over the duration asked for.
import type { Operation } from '.';

export const GetCompositeSchedule: Operation<'GetCompositeSchedule'> = (req, _messageId, cp) => cp.smartCharging.composite(req);
