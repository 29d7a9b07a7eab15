// Reset: a Soft reset stops the transactions first, a Hard one cuts the power; the charger reboots
// once the answer is out.
import type { Operation } from '.';

export const Reset: Operation<'Reset'> = (req, messageId, cp) => {
  cp.afterAnswer(messageId, () => void cp.reset.reboot(req.type === 'Hard' ? 'HardReset' : 'SoftReset', req.type === 'Soft'));
  return { status: 'Accepted' };
};
