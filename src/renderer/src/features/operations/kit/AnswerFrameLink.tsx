// A malformed answer (one that breaks OCPP-J or the action's schema) links to its frame in the message
// log: the frame the charger sent is found by the CALL's message id (the bench records the answer under
// it), the newest flagged frame from the charger naming it. Not found, or the log not readable, it says so.
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useClient } from '../../../api/context';
import { paths } from '../../../app/routes';

type Found = { key: string; id: number | null; error: string | null };

/** The log id of the answer the charger sent under `messageId` (null while it is looked for, or when there is none). */
function useAnswerFrame(chargerId: string, messageId: string): Found | null {
  const client = useClient();
  const key = `${chargerId}\n${messageId}`;
  const [found, setFound] = useState<Found | null>(null);
  useEffect(() => {
    let live = true;
    client.call('messages:page', { chargerId, direction: 'in', errorsOnly: true, search: JSON.stringify(messageId), limit: 20 }).then(
      (rows) => live && setFound({ key, id: (rows.find((r) => r.messageId === messageId) ?? rows[0])?.id ?? null, error: null }),
      (e: Error) => live && setFound({ key, id: null, error: e.message }),
    );
    return () => void (live = false);
  }, [client, key, chargerId, messageId]);
  return found?.key === key ? found : null;
}

export function AnswerFrameLink({ chargerId, messageId }: { chargerId: string; messageId: string }) {
  const found = useAnswerFrame(chargerId, messageId);
  if (!found) return null;
  if (found.id !== null)
    return (
      <Link component={RouterLink} to={paths.log({ charger: chargerId, frame: found.id })} variant="body2" sx={{ display: 'block', mt: 0.5 }}>
        Open the answer in the message log
      </Link>
    );
  return (
    <Typography variant="body2" sx={{ mt: 0.5 }}>
      {found.error ? `The message log could not be read to find the answer: ${found.error}` : `The answer's frame (message id ${messageId}) is not in the message log: it may have been deleted.`}
    </Typography>
  );
}
