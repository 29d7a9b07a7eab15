// ChangeConfiguration: the store checks and keeps the value; the service owning the key follows it. A new
// AuthorizationKey is put to use at once: once the answer is out the charger drops its connection and
// connects again with the new password (Security Whitepaper, update of the Basic auth password; OCTT TC_073_CS).
import type { Operation } from '.';

export const ChangeConfiguration: Operation<'ChangeConfiguration'> = (req, messageId, cp) => {
  const { status } = cp.config.change(req.key, req.value);
  if (req.key === 'AuthorizationKey' && status === 'Accepted') cp.afterAnswer(messageId, () => cp.connection.reconnect('Reconnecting with the new AuthorizationKey'));
  return { status };
};
