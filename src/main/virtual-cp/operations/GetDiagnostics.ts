// GetDiagnostics: answers with the file's name, then uploads it.
import type { Operation } from '.';

export const GetDiagnostics: Operation<'GetDiagnostics'> = (req, messageId, cp) => {
  const fileName = cp.diagnostics.fileName();
  cp.afterAnswer(messageId, () => void cp.diagnostics.upload(req, fileName));
  return { fileName };
};
