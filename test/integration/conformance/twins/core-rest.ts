// Failing twins of the OCTT cases of sections 2.4 and 2.8 to 2.16 (the rest of the Core profile): for each
// case, how the virtual charger misbehaves, and the step and reason the case must fail with.
import type { Twins } from './types';
import { testData as data, stopReason } from './types';

/** A meter value stamped at a fixed time, whatever the charger's clock says. */
const stamped = (context?: string) => ({ meterValue: [{ timestamp: '2024-01-01T00:00:07.000Z', sampledValue: [{ value: '1', ...(context ? { context } : {}) }] }] });

export const coreRestTwins: Twins = {
  // 2.4 Cache: asks the central system although the idTag is cached; says it cleared the cache but did not.
  TC_007_CS: {
    rules: [{ kind: 'insert', action: 'StartTransaction', skip: 1, send: { action: 'Authorize', payload: { idTag: data.validIdTag } } }],
    step: /StartTransaction/,
    reason: /sent Authorize/,
  },
  TC_061_CS: { rules: [{ kind: 'answer', action: 'ClearCache', patch: { status: 'Rejected' } }], step: /ClearCache/, reason: /Rejected/ },
  // 2.8 Configuration: a required key missing from the full list (the run's own read and step 1 answered truly); the value not kept.
  TC_019_CS: {
    rules: [{ kind: 'answer', action: 'GetConfiguration', skip: 2, times: 1, patch: { configurationKey: [{ key: 'SupportedFeatureProfiles', readonly: true, value: 'Core' }] } }],
    step: /required key/,
    reason: /missing/,
  },
  TC_021_CS: {
    rules: [{ kind: 'answer', action: 'GetConfiguration', skip: 1, patch: { configurationKey: [{ key: 'MeterValueSampleInterval', readonly: false, value: '60' }] } }],
    step: /GetConfiguration for MeterValueSampleInterval/,
    reason: /MeterValueSampleInterval 10/,
  },
  // 2.9 Meter values: the wrong context; every aligned value stamped at one time.
  TC_070_CS: { rules: [{ kind: 'patch', action: 'MeterValues', patch: stamped('Sample.Clock') }], step: /sampled MeterValues 1 of 3/, reason: /context/ },
  TC_071_CS: { rules: [{ kind: 'patch', action: 'MeterValues', where: { connectorId: 1 }, patch: stamped('Sample.Clock') }], step: /on the clock/, reason: /apart/ },
  // 2.10-2.12: a transaction started on an invalid card (its Authorize names another), no lock failure reported, Accepted where Rejected is due.
  TC_023_CS: { rules: [{ kind: 'patch', action: 'Authorize', where: { idTag: data.invalidIdTag }, patch: { idTag: data.validIdTag } }], step: /no StartTransaction/, reason: /sent StartTransaction/ },
  TC_024_CS: { rules: [{ kind: 'patch', action: 'StatusNotification', where: { status: 'Faulted' }, patch: { errorCode: 'OtherError' } }], step: /Faulted/, reason: /ConnectorLockFailure/ },
  TC_026_CS: { rules: [{ kind: 'answer', action: 'RemoteStartTransaction', patch: { status: 'Accepted' } }], step: /status Rejected/, reason: /Accepted/ },
  TC_027_CS: { rules: [{ kind: 'answer', action: 'RemoteStartTransaction', patch: { status: 'Accepted' } }], step: /connector 0/, reason: /Accepted/ },
  TC_028_CS: { rules: [{ kind: 'answer', action: 'RemoteStopTransaction', patch: { status: 'Accepted' } }], step: /unknown transaction/, reason: /Accepted/ },
  TC_030_CS: { rules: [{ kind: 'answer', action: 'UnlockConnector', patch: { status: 'Unlocked' } }], step: /UnlockConnector/, reason: /UnlockFailed/ },
  TC_031_CS: { rules: [{ kind: 'answer', action: 'UnlockConnector', patch: { status: 'UnlockFailed' } }], step: /there is none/, reason: /NotSupported/ },
  // 2.13 Power failure: the interrupted transaction stopped with the wrong reason; availability forgotten over the power cycle.
  TC_032_2_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /PowerLoss/ },
  TC_034_CS: {
    rules: [{ kind: 'patch', action: 'StatusNotification', where: { status: 'Unavailable' }, skip: 3, patch: { status: 'Available' } }],
    step: /after the power cycle/,
    reason: /Available/,
  },
  // 2.14 Offline: queued values stamped wrong, a queued StartTransaction never delivered, no suspension, the wrong stop reasons.
  TC_036_CS: { rules: [{ kind: 'patch', action: 'MeterValues', times: 2, patch: stamped() }], step: /came in chronological order/, reason: /apart/ },
  TC_037_1_CS: { rules: [{ kind: 'drop', action: 'StartTransaction', skip: 1 }], step: /StartTransaction/, reason: /nothing came/ },
  TC_037_2_CS: { rules: [{ kind: 'drop', action: 'StatusNotification', where: { status: 'SuspendedEVSE' } }], step: /SuspendedEVSE/, reason: /nothing came/ },
  TC_037_3_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /DeAuthorized/ },
  TC_038_CS: { rules: [stopReason('Remote')], step: /StopTransaction/, reason: /Local/ },
  TC_039_CS: { rules: [{ ...stopReason('Other'), skip: 1 }], step: /StopTransaction it queued/, reason: /Local/ },
  // 2.15 Configuration keys: an unknown key and an invalid value accepted.
  TC_040_1_CS: { rules: [{ kind: 'answer', action: 'ChangeConfiguration', where: { key: 'Testing' }, patch: { status: 'Accepted' } }], step: /Testing/, reason: /NotSupported/ },
  TC_040_2_CS: { rules: [{ kind: 'answer', action: 'ChangeConfiguration', where: { value: '-1' }, patch: { status: 'Accepted' } }], step: /-1/, reason: /Rejected/ },
  // 2.16 Fault behaviour: the fault not reported.
  TC_041_CS: { rules: [{ kind: 'patch', action: 'StatusNotification', where: { status: 'Faulted' }, patch: { status: 'Available', errorCode: 'NoError' } }], step: /Faulted/, reason: /nothing came/ },
  // 2.13 Power failure: the charger declares back-up power but goes dark at once; its session ends only after the next boot.
  TC_032_1_CS: {
    other: true,
    rules: [],
    arrange: (vcp) => {
      const definition = vcp.definition as { backupPower: boolean };
      definition.backupPower = false;
      return () => void (definition.backupPower = true);
    },
    step: /StopTransaction/,
    reason: /nothing came/,
  },
};
