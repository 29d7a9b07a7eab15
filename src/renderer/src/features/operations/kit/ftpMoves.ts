// The bench's FTP server can move to another port while a panel is open (Settings applies a new FTP port
// at once): ftp:// URLs fetched before then name the old port and no longer work. Panels that fill in the
// bench's own URLs fetch them again whenever this changes.
import { useEffect, useState } from 'react';
import { useClient } from '../../../api/context';

/** A number that changes each time the bench's FTP server (re)starts or stops (its ftpChanged event). */
export function useFtpMoves(): number {
  const client = useClient();
  const [moves, setMoves] = useState(0);
  useEffect(
    () =>
      client.subscribe((events) => {
        if (events.some((e) => e.type === 'ftpChanged')) setMoves((n) => n + 1);
      }),
    [client],
  );
  return moves;
}
