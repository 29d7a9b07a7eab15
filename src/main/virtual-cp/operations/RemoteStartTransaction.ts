// RemoteStartTransaction: the charger takes the connector given (or picks one), installs the TxProfile
// sent with it, and once the answer is out authorizes the idTag if it must and starts the session.
import type { IdTagInfo } from '../../../shared/ocpp16';
import type { Connector } from '../model';
import type { Operation } from '.';

export const RemoteStartTransaction: Operation<'RemoteStartTransaction'> = (req, messageId, cp) => {
  // While Pending the central system may not start or stop transactions (OCPP 1.6, 4.2.1).
  if (cp.boot.registration !== 'Accepted') return { status: 'Rejected' };
  const { transactions, authorization, smartCharging } = cp;
  let c: Connector | undefined;
  if (req.connectorId !== undefined) {
    c = cp.connectors.at(req.connectorId);
    if (!c) return { status: 'Rejected' };
  } else {
    // A connector with the cable in first, then a free one.
    const free = cp.connectors.all.filter((x) => !transactions.cannotStart(x, req.idTag, null));
    c = free.find((x) => x.plugged && !x.finishing) ?? free.find((x) => !x.plugged) ?? free[0];
  }
  if (!c || transactions.cannotStart(c, req.idTag, null)) return { status: 'Rejected' };
  if (req.chargingProfile) {
    if (!smartCharging.enabled) return { status: 'Rejected' };
    if (!smartCharging.installRemoteStartProfile(c.id, req.chargingProfile)) return { status: 'Rejected' };
  }
  const connector = c;
  const epoch = cp.epoch;
  cp.afterAnswer(messageId, () => {
    void (async () => {
      const info: IdTagInfo = authorization.authorizesRemoteStarts ? await authorization.authorize(req.idTag) : { status: 'Accepted' };
      if (epoch !== cp.epoch) return;
      // Without an Authorize the parent tag stays unknown; the central system chose the connector.
      const parent = authorization.authorizesRemoteStarts ? info.parentIdTag : null;
      if (info.status !== 'Accepted' || transactions.cannotStart(connector, req.idTag, parent)) {
        smartCharging.transactionEnded(connector.id, null);
        cp.refresh();
        return;
      }
      transactions.authorized(connector, req.idTag, info.parentIdTag);
    })();
  });
  return { status: 'Accepted' };
};
