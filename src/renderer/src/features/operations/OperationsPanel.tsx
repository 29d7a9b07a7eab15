// The operations tab of a charger: the operations of the registry grouped on the left, the chosen one's
// panel on the right. Nothing can be sent while the charger is offline; the forms stay usable.
import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Paper from '@mui/material/Paper';
import { useBench } from '../../stores/bench';
import { PanelContext, type PanelContextValue } from './kit/parts';
import { connectorIdsOf } from './kit/running';
import { explainResult, operationPages, pageOf, type OperationAction } from './registry';

const groups = [...new Set(operationPages.map((p) => p.group))];

// The last operation picked, so coming back to the tab (or another charger) opens the same one.
let lastPicked = operationPages[0].action;

/** `initial`: the operation to open with (an action sent from another's panel opens that panel). */
export function OperationsPanel({ chargerId, initial }: { chargerId: string; initial?: OperationAction }) {
  const charger = useBench((s) => s.chargers[chargerId]);
  const [picked, setPicked] = useState(() => (initial ? pageOf(initial) : lastPicked));
  const page = operationPages.find((p) => p.action === picked) ?? operationPages[0];
  const online = Boolean(charger?.connected);
  const context = useMemo<PanelContextValue>(() => ({ chargerId, charger, online, connectorIds: connectorIdsOf(charger), explain: explainResult }), [chargerId, charger, online]);
  const pick = (action: OperationAction) => {
    lastPicked = action;
    setPicked(action);
  };
  return (
    <PanelContext.Provider value={context}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', minHeight: 0 }}>
        <Paper component="nav" aria-label="Operations" sx={{ width: 230, flexShrink: 0, py: 0.5 }}>
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
        <Box sx={{ flex: 1, minWidth: 0 }}>
          {!online && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {charger ? `${chargerId} is offline: connect it to send.` : `The bench has not seen ${chargerId}: connect it to send.`} You can prepare an operation meanwhile; nothing is queued.
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
