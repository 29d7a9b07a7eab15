// ClearChargingProfile: the profiles matching the request go; the power follows at once.
import type { Operation } from '.';

export const ClearChargingProfile: Operation<'ClearChargingProfile'> = (req, messageId, cp) => {
  cp.metering.settleAll();
  const status = cp.smartCharging.clear(req);
  cp.refreshAfterAnswer(messageId);
  return { status };
};
