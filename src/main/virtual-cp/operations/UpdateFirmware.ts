// UpdateFirmware: the download, install and reboot start once the (empty) answer is out.
import type { Operation } from '.';

export const UpdateFirmware: Operation<'UpdateFirmware'> = (req, messageId, cp) => {
  cp.afterAnswer(messageId, () => void cp.firmware.update(req));
  return {};
};
