// SendLocalList: a full or differential update of the local authorization list.
import type { Operation } from '.';

export const SendLocalList: Operation<'SendLocalList'> = (req, _messageId, cp) => ({ status: cp.authorization.sendLocalList(req) });
