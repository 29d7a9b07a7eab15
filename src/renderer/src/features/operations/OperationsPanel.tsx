// The operations tab of a charger: the 19 central-system operations grouped on the left, the chosen
// one's form on the right. Nothing can be sent while the charger is offline; the forms stay usable.
import { useMemo, useState, type ComponentType } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Paper from '@mui/material/Paper';
import { useBench } from '../../stores/bench';
import { ChangeAvailabilityPanel, ClearCachePanel, DataTransferPanel, ResetPanel, TriggerMessagePanel, UnlockPanel } from './ChargerPanels';
import { ConfigurationPanel } from './ConfigurationPanel';
import { DiagnosticsPanel, UpdateFirmwarePanel } from './FirmwarePanels';
import { LocalListPanel } from './LocalListPanel';
import { PanelContext, type PanelContextValue } from './parts';
import { ReservationsPanel } from './ReservationsPanel';
import { connectorIdsOf } from './running';
import { ClearChargingProfilePanel, CompositeSchedulePanel, SetChargingProfilePanel } from './SmartChargingPanels';
import { RemoteStartPanel, RemoteStopPanel } from './TransactionPanels';

interface OperationEntry {
  id: string;
  label: string;
  group: string;
  Panel: ComponentType;
}

export const operationEntries: OperationEntry[] = [
  { id: 'remoteStart', label: 'Remote start', group: 'Transactions', Panel: RemoteStartPanel },
  { id: 'remoteStop', label: 'Remote stop', group: 'Transactions', Panel: RemoteStopPanel },
  { id: 'reset', label: 'Reset', group: 'Charger', Panel: ResetPanel },
  { id: 'availability', label: 'Change availability', group: 'Charger', Panel: ChangeAvailabilityPanel },
  { id: 'unlock', label: 'Unlock connector', group: 'Charger', Panel: UnlockPanel },
  { id: 'trigger', label: 'Trigger message', group: 'Charger', Panel: TriggerMessagePanel },
  { id: 'dataTransfer', label: 'Data transfer', group: 'Charger', Panel: DataTransferPanel },
  { id: 'configuration', label: 'Configuration keys', group: 'Configuration', Panel: ConfigurationPanel },
  { id: 'localList', label: 'Local list', group: 'Authorization', Panel: LocalListPanel },
  { id: 'clearCache', label: 'Clear cache', group: 'Authorization', Panel: ClearCachePanel },
  { id: 'reservations', label: 'Reserve / cancel', group: 'Reservations', Panel: ReservationsPanel },
  { id: 'setProfile', label: 'Set charging profile', group: 'Smart charging', Panel: SetChargingProfilePanel },
  { id: 'clearProfile', label: 'Clear charging profile', group: 'Smart charging', Panel: ClearChargingProfilePanel },
  { id: 'composite', label: 'Composite schedule', group: 'Smart charging', Panel: CompositeSchedulePanel },
  { id: 'firmware', label: 'Update firmware', group: 'Firmware & diagnostics', Panel: UpdateFirmwarePanel },
  { id: 'diagnostics', label: 'Get diagnostics', group: 'Firmware & diagnostics', Panel: DiagnosticsPanel },
];

const groups = [...new Set(operationEntries.map((e) => e.group))];

// The last operation picked, so coming back to the tab (or another charger) opens the same one.
let lastPicked = operationEntries[0].id;

export function OperationsPanel({ chargerId, initial }: { chargerId: string; initial?: string }) {
  const charger = useBench((s) => s.chargers[chargerId]);
  const [picked, setPicked] = useState(() => (initial && operationEntries.some((e) => e.id === initial) ? initial : lastPicked));
  const entry = operationEntries.find((e) => e.id === picked) ?? operationEntries[0];
  const online = Boolean(charger?.connected);
  const context = useMemo<PanelContextValue>(() => ({ chargerId, charger, online, connectorIds: connectorIdsOf(charger) }), [chargerId, charger, online]);
  const pick = (id: string) => {
    lastPicked = id;
    setPicked(id);
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
                  {operationEntries
                    .filter((e) => e.group === g)
                    .map((e) => (
                      <ListItemButton key={e.id} selected={e.id === entry.id} onClick={() => pick(e.id)} aria-current={e.id === entry.id ? 'page' : undefined} sx={{ pl: 3, py: 0.25 }}>
                        <ListItemText primary={e.label} />
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
            <entry.Panel key={`${chargerId}/${entry.id}`} />
          </Paper>
        </Box>
      </Box>
    </PanelContext.Provider>
  );
}
