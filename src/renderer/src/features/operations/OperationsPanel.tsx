// The operations tab of a charger: the operations of the registry grouped on the left, the chosen one's
// panel on the right, each scrolling on its own so every panel is reachable on a small screen. The chosen
// operation is in the URL (?op=Reset), so it belongs to this charger and survives a reload. Nothing can be
// sent while the charger or the bench is out of reach; the forms stay usable.
import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Paper from '@mui/material/Paper';
import { useBench } from '../../stores/bench';
import { useReach } from '../../components/reach';
import { PanelContext, type PanelContextValue } from './kit/parts';
import { connectorIdsOf } from './kit/running';
import { useChargerLimits } from './kit/limits';
import { explainResult, operationPages, pageOf, type OperationAction } from './registry';

const groups = [...new Set(operationPages.map((p) => p.group))];

/** The URL's name for the operation shown. */
export const OP_PARAM = 'op';

/** The last operation opened per charger in this window, for coming back to the tab without ?op=. */
const lastOf = (chargerId: string): string | null => {
  try {
    return sessionStorage.getItem(`chargebench.op.${chargerId}`);
  } catch {
    return null;
  }
};
const remember = (chargerId: string, action: string) => {
  try {
    sessionStorage.setItem(`chargebench.op.${chargerId}`, action);
  } catch {
    // not remembered; the URL still has it
  }
};

/** `initial`: the operation to open with when the URL names none (an action sent from another's panel opens that panel). */
export function OperationsPanel({ chargerId, initial }: { chargerId: string; initial?: OperationAction }) {
  const charger = useBench((s) => s.chargers[chargerId]);
  const [params, setParams] = useSearchParams();
  const reach = useReach(chargerId);
  useChargerLimits(chargerId);
  const asked = params.get(OP_PARAM) ?? (initial ? pageOf(initial) : lastOf(chargerId));
  const page = operationPages.find((p) => p.action === asked) ?? operationPages[0];
  const online = reach.reachable;
  const context = useMemo<PanelContextValue>(
    () => ({ chargerId, charger, online, offlineReason: reach.reason, connectorIds: connectorIdsOf(charger), explain: explainResult, page: page.action }),
    [chargerId, charger, online, reach.reason, page.action],
  );
  useEffect(() => remember(chargerId, page.action), [chargerId, page.action]);
  const pick = (action: OperationAction) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set(OP_PARAM, action);
        return next;
      },
      { replace: true },
    );
  return (
    <PanelContext.Provider value={context}>
      <Box sx={{ display: 'flex', gap: 2, flex: 1, minHeight: 0, height: '100%' }}>
        <Paper component="nav" aria-label="Operations" sx={{ width: 230, flexShrink: 0, py: 0.5, overflowY: 'auto', minHeight: 0 }}>
          <List dense disablePadding>
            {groups.map((g) => (
              <li key={g}>
                <ul style={{ padding: 0 }}>
                  <ListSubheader disableSticky sx={{ lineHeight: '30px', bgcolor: 'transparent', fontWeight: 600 }}>
                    {g}
                  </ListSubheader>
                  {operationPages
                    .filter((p) => p.group === g)
                    .map((p) => (
                      <ListItemButton
                        key={p.action}
                        selected={p.action === page.action}
                        onClick={() => pick(p.action)}
                        aria-current={p.action === page.action ? 'page' : undefined}
                        sx={{ pl: 3, py: 0.25 }}
                      >
                        <ListItemText primary={p.label} />
                      </ListItemButton>
                    ))}
                </ul>
              </li>
            ))}
          </List>
        </Paper>
        <Box sx={{ flex: 1, minWidth: 0, minHeight: 0, overflowY: 'auto' }} data-testid="operation-panel-scroll">
          {!online && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {reach.reason} You can prepare an operation meanwhile; nothing is queued.
            </Alert>
          )}
          <Paper sx={{ p: 3 }}>
            <page.Panel key={`${chargerId}/${page.action}`} />
          </Paper>
        </Box>
      </Box>
    </PanelContext.Provider>
  );
}
