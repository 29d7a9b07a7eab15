// Failing twins of the OCTT cases of sections 2.17 to 2.19, 2.21, 2.23 and 2.24 (local list, firmware,
// diagnostics, remote trigger, data transfer, Basic auth): how the virtual charger misbehaves, and the
// step and reason the case must fail with.
import { VIRTUAL_PASSWORD } from '../../../../src/main/conformance/virtual';
import type { Twins } from './types';

export const miscTwins: Twins = {
  TC_042_1_CS: { rules: [{ kind: 'answer', action: 'GetLocalListVersion', patch: { listVersion: 0 } }], step: /GetLocalListVersion/, reason: /listVersion -1/ },
  TC_042_2_CS: { rules: [{ kind: 'answer', action: 'GetLocalListVersion', patch: { listVersion: 1 } }], step: /GetLocalListVersion/, reason: /listVersion 0/ },
  TC_043_CS: { rules: [{ kind: 'answer', action: 'SendLocalList', where: { updateType: 'Differential' }, patch: { status: 'Failed' } }], step: /SendLocalList/, reason: /Accepted/ },
  TC_043_2_CS: { rules: [{ kind: 'answer', action: 'SendLocalList', where: { listVersion: 4 }, patch: { status: 'Accepted' } }], step: /SendLocalList/, reason: /VersionMismatch/ },
  TC_043_3_CS: { rules: [{ kind: 'answer', action: 'SendLocalList', patch: { status: 'Accepted' } }], step: /SendLocalList/, reason: /status Failed/ },
  TC_008_CS: { rules: [{ kind: 'answer', action: 'SendLocalList', patch: { status: 'Failed' } }], step: /SendLocalList/, reason: /Accepted/ },
  TC_044_1_CS: {
    rules: [{ kind: 'drop', action: 'FirmwareStatusNotification', where: { status: 'Installed' } }],
    step: /BootNotification and FirmwareStatusNotification/,
    reason: /Installed.*nothing came/,
  },
  TC_044_2_CS: {
    rules: [{ kind: 'patch', action: 'FirmwareStatusNotification', where: { status: 'DownloadFailed' }, patch: { status: 'Downloaded' } }],
    step: /DownloadFailed/,
    reason: /"Downloaded"/,
  },
  TC_044_3_CS: {
    rules: [{ kind: 'patch', action: 'FirmwareStatusNotification', where: { status: 'InstallationFailed' }, patch: { status: 'Installed' } }],
    step: /InstallationFailed/,
    reason: /"Installed"/,
  },
  TC_045_1_CS: { rules: [{ kind: 'drop', action: 'DiagnosticsStatusNotification', where: { status: 'Uploaded' } }], step: /Uploaded/, reason: /nothing came/ },
  TC_045_2_CS: { rules: [{ kind: 'patch', action: 'DiagnosticsStatusNotification', where: { status: 'UploadFailed' }, patch: { status: 'Uploaded' } }], step: /UploadFailed/, reason: /"Uploaded"/ },
  TC_054_CS: { rules: [{ kind: 'drop', action: 'MeterValues' }], step: /MeterValues/, reason: /nothing came/ },
  TC_055_CS: { rules: [{ kind: 'answer', action: 'TriggerMessage', patch: { status: 'Accepted' } }], step: /TriggerMessage/, reason: /Rejected/ },
  TC_062_CS: { rules: [{ kind: 'answer', action: 'DataTransfer', callError: 'NotImplemented' }], step: /DataTransfer/, reason: /CALLERROR NotImplemented/ },
  TC_079_CS: { rules: [{ kind: 'patch', action: 'LogStatusNotification', where: { status: 'Uploaded' }, patch: { status: 'UploadFailure' } }], step: /Uploaded/, reason: /UploadFailure/ },
  // The charger takes the new password but keeps its connection (it would use the password only later).
  TC_073_CS: {
    rules: [],
    arrange: (vcp) => {
      const reconnect = vcp.connection.reconnect;
      vcp.connection.reconnect = () => undefined;
      return () => (vcp.connection.reconnect = reconnect);
    },
    step: /reconnects with the new password/,
    reason: /kept its old connection/,
  },
  // After the reset the charger logs in with a password that is not its configured AuthorizationKey.
  TC_085_CS: {
    rules: [],
    arrange: (vcp) => {
      vcp.config.setInternal('AuthorizationKey', 'not-the-bench-password');
      return () => vcp.config.setInternal('AuthorizationKey', VIRTUAL_PASSWORD);
    },
    step: /valid Basic Authorization header/,
    reason: /refused it: Wrong password/,
  },
  // A charger without the LocalAuthListManagement profile that takes a local list after all.
  TC_043_1_CS: { other: true, rules: [{ kind: 'answer', action: 'SendLocalList', patch: { status: 'Accepted' } }], step: /SendLocalList/, reason: /NotSupported/ },
};
