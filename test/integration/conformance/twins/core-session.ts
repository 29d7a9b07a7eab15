// Failing twins of the OCTT cases of sections 2.1-2.3 and 2.5-2.7: for each case, how the virtual
// charger misbehaves, and the step and reason the case must fail with.
import type { Twins } from './types';
import { testData as data, stopReason } from './types';

export const coreSessionTwins: Twins = {
  TC_001_CS: { rules: [{ kind: 'drop', action: 'Heartbeat' }], step: /Heartbeat/, reason: /Heartbeat within/ },
  TC_002_CS: { rules: [{ kind: 'answer', action: 'ChangeConfiguration', patch: { status: 'Rejected' } }], step: /MeterValueSampleInterval/, reason: /Rejected/ },
  TC_003_CS: { rules: [{ kind: 'holdBack', action: 'StatusNotification', where: { status: 'Preparing' } }], step: /Preparing/, reason: /nothing came|first/ },
  TC_004_1_CS: { rules: [{ kind: 'drop', action: 'Authorize' }], step: /Authorize/, reason: /Authorize .*within/ },
  TC_004_2_CS: { rules: [{ kind: 'drop', action: 'StatusNotification', where: { status: 'Available', connectorId: 1 } }], step: /back to Available/, reason: /nothing came/ },
  TC_068_CS: { rules: [{ kind: 'patch', action: 'StopTransaction', patch: { idTag: 'SOMEONE-ELSE' } }], step: /StopTransaction/, reason: /idTag/ },
  TC_069_CS: { rules: [{ kind: 'drop', action: 'Authorize', where: { idTag: data.validIdTag2 } }], step: /Authorize/, reason: /nothing came/ },
  TC_005_1_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /EVDisconnected/ },
  TC_005_2_CS: { rules: [{ kind: 'answer', action: 'UnlockConnector', patch: { status: 'UnlockFailed' } }], step: /UnlockConnector/, reason: /UnlockFailed/ },
  TC_005_3_CS: { rules: [{ kind: 'drop', action: 'StatusNotification', where: { status: 'SuspendedEV' } }], step: /SuspendedEV/, reason: /nothing came/ },
  TC_010_CS: { rules: [{ kind: 'patch', action: 'StartTransaction', patch: { idTag: 'SOMEONE-ELSE' } }], step: /StartTransaction/, reason: /idTag/ },
  TC_011_1_CS: { rules: [{ kind: 'answer', action: 'RemoteStartTransaction', patch: { status: 'Rejected' } }], step: /RemoteStartTransaction/, reason: /Rejected/ },
  TC_011_2_CS: { rules: [{ kind: 'drop', action: 'StatusNotification', where: { status: 'Available', connectorId: 1 } }], step: /back to Available/, reason: /nothing came/ },
  TC_012_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /Remote/ },
  TC_013_CS: { rules: [{ kind: 'drop', action: 'StatusNotification', where: { connectorId: 1, status: 'Unavailable' }, times: 1 }], step: /Unavailable/, reason: /nothing came/ },
  TC_014_CS: { rules: [{ kind: 'answer', action: 'ChangeAvailability', patch: { status: 'Rejected' } }], step: /ChangeAvailability/, reason: /Rejected/ },
  TC_015_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /HardReset/ },
  TC_016_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /SoftReset/ },
  TC_017_1_CS: { rules: [{ kind: 'answer', action: 'UnlockConnector', patch: { status: 'UnlockFailed' } }], step: /UnlockConnector/, reason: /UnlockFailed/ },
  TC_018_1_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /UnlockCommand/ },
  // A fixed cable cannot be released: a charger that says it unlocked one (without a session, and during one).
  TC_017_2_CS: { other: true, rules: [{ kind: 'answer', action: 'UnlockConnector', patch: { status: 'Unlocked' } }], step: /UnlockConnector/, reason: /NotSupported/ },
  TC_018_2_CS: { other: true, rules: [{ kind: 'answer', action: 'UnlockConnector', patch: { status: 'Unlocked' } }], step: /UnlockConnector/, reason: /NotSupported/ },
};
