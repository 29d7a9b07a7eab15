// The files one charger uploaded to the bench, kept current from the bench's upload events (progress as
// bytes arrive, received or failed, deleted), and fetched again when the link to the bench comes back.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import type { BenchEvent, UploadView } from '../../../../shared/api/views';

/** The list after a batch of events: changed uploads replaced (new ones first), removed ones gone. */
export function applyUploadEvents(list: UploadView[], events: BenchEvent[], chargerId: string): UploadView[] {
  let next = list;
  for (const e of events) {
    if (e.type === 'uploadChanged' && e.upload.chargerId === chargerId) {
      const at = next.findIndex((u) => u.id === e.upload.id);
      next = at === -1 ? [e.upload, ...next] : next.map((u, i) => (i === at ? e.upload : u));
    } else if (e.type === 'uploadRemoved' && e.chargerId === chargerId) next = next.filter((u) => u.id !== e.id);
  }
  return next;
}

export function useUploads(chargerId: string): { uploads: UploadView[] | null; error: string | null } {
  const client = useClient();
  const [uploads, setUploads] = useState<UploadView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let loaded = false;
    // Events that come while the list loads are applied on top of it.
    let early: BenchEvent[] = [];
    const load = () => {
      client.call('files:uploads', { chargerId }).then(
        (list) => {
          if (!live) return;
          loaded = true;
          setUploads(applyUploadEvents(list, early, chargerId));
          early = [];
          setError(null);
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    };
    const offEvents = client.subscribe((events) => {
      if (!loaded) early.push(...events);
      else setUploads((list) => applyUploadEvents(list ?? [], events, chargerId));
    });
    // onLink tells the current state at once: the first 'open' is the initial load.
    let wasOpen = false;
    const offLink = client.onLink((state) => {
      if (state === 'open' && !wasOpen) load();
      wasOpen = state === 'open';
    });
    return () => {
      live = false;
      offEvents();
      offLink();
    };
  }, [client, chargerId]);
  return { uploads, error };
}
