// SetChargingProfile: the profile is checked and installed; the power follows at once.
import type { Operation } from '.';

export const SetChargingProfile: Operation<'SetChargingProfile'> = (req, messageId, cp) => {
  cp.metering.settleAll();
  const status = cp.smartCharging.set(req);
  if (status === 'Accepted') cp.refreshAfterAnswer(messageId);
  return { status };
};
