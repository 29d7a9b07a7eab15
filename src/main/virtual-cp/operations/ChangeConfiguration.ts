// ChangeConfiguration: the store checks and keeps the value; the service owning the key follows it.
import type { Operation } from '.';

export const ChangeConfiguration: Operation<'ChangeConfiguration'> = (req, _messageId, cp) => ({ status: cp.config.change(req.key, req.value).status });
