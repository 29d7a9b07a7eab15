// TriggerMessage: the message asked for goes out once the answer is out (all six of OCPP 1.6).
import type { Operation } from '.';

export const TriggerMessage: Operation<'TriggerMessage'> = (req, messageId, cp) => {
  const cid = req.connectorId;
  if (cid !== undefined && (cid < 0 || cid > cp.connectors.count)) return { status: 'Rejected' };
  const send = (): void => {
    switch (req.requestedMessage) {
      case 'BootNotification':
        return cp.boot.triggered();
      case 'Heartbeat':
        return void cp.call('Heartbeat', {});
      case 'DiagnosticsStatusNotification':
        return cp.diagnostics.triggered();
      case 'FirmwareStatusNotification':
        return cp.firmware.triggered();
      case 'StatusNotification':
        for (const id of cid === undefined ? cp.connectors.ids() : [cid]) cp.status.triggered(id);
        return;
      case 'MeterValues':
        return cp.metering.triggered(cid);
    }
  };
  cp.afterAnswer(messageId, send);
  return { status: 'Accepted' };
};
