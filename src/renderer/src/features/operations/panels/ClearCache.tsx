// Clear cache: empties the charger's authorization cache, confirmed first.
import { ConfirmDialog } from '../kit/ConfirmDialog';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';

export const ClearCache: OperationPage<'ClearCache'> = {
  label: 'Clear cache',
  group: 'Authorization',
  Panel: ClearCachePanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'The authorization cache is empty: idTags are checked with the central system (or the local list) again.' },
    Rejected: { tone: 'error', meaning: 'The charger did not clear its cache (the cache may be disabled or not supported).' },
  },
};

function ClearCachePanel() {
  const { chargerId } = usePanel();
  const form = useOperationForm(chargerId, 'ClearCache', {});
  return (
    <PanelShell title="Clear cache" action="ClearCache" description="Empties the charger's authorization cache (idTags it remembers from earlier answers). The local list is not touched.">
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.confirm.submit()}>
        Clear the cache…
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title="Clear the authorization cache?"
        target={`${chargerId} · the whole charger`}
        consequence="Cached idTags are forgotten: the next card is checked online or against the local list. Running sessions go on; while the charger is offline, cards it only knew from the cache may be refused."
        confirmLabel={`Clear the authorization cache of ${chargerId}`}
      />
    </PanelShell>
  );
}
