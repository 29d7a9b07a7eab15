// "3 min ago" that stays true while the screen is open: every one on screen reads the one shared clock
// (useNow), so two "ago"s of the same moment never disagree.
import { formatAgo } from './format';
import { useNow } from './reach';

/** formatAgo of `iso`, ticking. */
export function Ago({ iso }: { iso: string | null | undefined }) {
  return <>{formatAgo(iso, useNow())}</>;
}

/** A time and how long ago: "12.05.2026 09:01:25 (2 min ago)", ticking; `format` gives the time. */
export function TimeAgo({ iso, format }: { iso: string; format: (iso: string) => string }) {
  return (
    <>
      {format(iso)} (<Ago iso={iso} />)
    </>
  );
}
