// What the Settings screen's tests share: a bench's idTag list kept by the test, and the bench the screen
// opens on (loaded, link open, serve mode).
import { useBench, initialBenchState } from '../../src/renderer/src/stores/bench';
import type { IdTagEntry } from '../../src/shared/api/views';
import type { Handlers } from './fake-client';

export interface IdTagList {
  /** The list as the bench holds it now. */
  tags: IdTagEntry[];
  handlers: Handlers;
}

/** An idTag list the test holds (`tags` at the start): its handlers answer idTags:list, :add (a card of the same idTag replaced) and :delete from it. */
export function idTagList(tags: IdTagEntry[] = []): IdTagList {
  const list: IdTagList = {
    tags,
    handlers: {
      'idTags:list': () => list.tags,
      'idTags:add': (entry) => {
        const e = { expiryDate: null, parentIdTag: null, ...entry } as IdTagEntry;
        list.tags = [...list.tags.filter((t) => t.idTag !== e.idTag), e];
        return e;
      },
      'idTags:delete': ({ idTag }) => {
        list.tags = list.tags.filter((t) => t.idTag !== idTag);
        return null;
      },
    },
  };
  return list;
}

/** The bench as the Settings screen finds it: loaded, the link open, a serve-mode bench's status. */
export function settingsBench(): void {
  useBench.setState(
    {
      ...initialBenchState,
      link: 'open',
      loaded: true,
      status: { version: '0.1.0', host: '0.0.0.0', port: 9000, connectedChargers: [], ftp: { port: 2121, fixed: false }, dataDir: '/var/lib/chargebench', face: 'serve' },
    },
    true,
  );
}
