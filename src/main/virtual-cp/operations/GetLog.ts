// GetLog (security extension): answers Accepted with the log's name, then uploads it (the security log:
// the charger's connections, boots and security events; the diagnostics log: its recent frames) with
// LogStatusNotification Uploading, then Uploaded or UploadFailure, carrying the request's id.
import type { Operation } from '.';

export const GetLog: Operation<'GetLog'> = (req, messageId, cp) => {
  const filename = cp.diagnostics.fileName(req.logType === 'SecurityLog' ? 'security-log' : 'diagnostics-log');
  cp.afterAnswer(messageId, () => void cp.diagnostics.uploadLog(req, filename));
  return { status: 'Accepted', filename };
};
