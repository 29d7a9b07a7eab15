// GetConfiguration: the keys asked for (all visible ones when none are), unknown ones named back.
import type { Operation } from '.';

export const GetConfiguration: Operation<'GetConfiguration'> = (req, _messageId, cp) => cp.config.get(req.key);
