// GetLocalListVersion: the local authorization list's version (-1 while the list is switched off).
import type { Operation } from '.';

export const GetLocalListVersion: Operation<'GetLocalListVersion'> = (_req, _messageId, cp) => ({ listVersion: cp.authorization.listVersion() });
