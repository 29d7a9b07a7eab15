// ClearCache: the authorization cache is emptied.
import type { Operation } from '.';

export const ClearCache: Operation<'ClearCache'> = (_req, _messageId, cp) => {
  cp.authorization.clearCache();
  return { status: 'Accepted' };
};
