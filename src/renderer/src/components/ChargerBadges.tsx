// What marks a charger wherever it appears: a virtual charger (one of the bench's own) is visibly
// virtual, one with fault switches on says so, and a faulted or suspicious connector stands out.
import type { HTMLAttributes, Key } from 'react';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import SmartToyIcon from '@mui/icons-material/SmartToyOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import { useBench } from '../stores/bench';
import { wrappingChipSx } from './StatusChip';
import { activeFaults } from '../../../shared/api/virtual-chargers';
import { connectorConcern, connectorErrorWords } from '../../../shared/api/connector-errors';
import type { ConnectorView } from '../../../shared/api/views';

/** The connectors that need a look, worst first, each in words: "Connector 2 faulted: Ground fault". */
export function connectorConcerns(connectors: readonly ConnectorView[]): Array<{ connectorId: number; level: 'fault' | 'warning'; text: string }> {
  return connectors
    .flatMap((c) => {
      const level = connectorConcern(c);
      if (!level) return [];
      const who = c.connectorId === 0 ? 'The charger' : `Connector ${c.connectorId}`;
      const what = c.errorCode !== 'NoError' ? (connectorErrorWords[c.errorCode]?.title ?? c.errorCode) : c.vendorErrorCode ? `vendor code ${c.vendorErrorCode}` : 'no error code given';
      return [{ connectorId: c.connectorId, level, text: `${who} ${level === 'fault' ? 'faulted' : 'reports a problem'}: ${what}` }];
    })
    .sort((a, b) => (a.level === b.level ? a.connectorId - b.connectorId : a.level === 'fault' ? -1 : 1));
}

/** The chips: Virtual, fault switches on, and (with `connectors`) the connectors that need a look; `compact`: icons with tooltips, for a narrow column. */
export function ChargerBadges({ chargerId, connectors = false, compact = false }: { chargerId: string; connectors?: boolean; compact?: boolean }) {
  // Only what the badges show: a charger's other news (a status, a heartbeat) does not redraw them.
  const markedVirtual = useBench((s) => s.chargers[chargerId]?.virtual);
  const connectorList = useBench((s) => (connectors ? s.chargers[chargerId]?.connectors : undefined));
  const vcp = useBench((s) => s.virtualChargers[chargerId]);
  const faults = vcp ? activeFaults(vcp.faults) : [];
  const concerns = connectorList ? connectorConcerns(connectorList) : [];
  const isVirtual = Boolean(vcp || markedVirtual);
  if (!isVirtual && !faults.length && !concerns.length) return null;
  if (compact)
    return (
      <Stack component="span" direction="row" sx={{ gap: 0.25, alignItems: 'center', display: 'inline-flex', verticalAlign: 'middle' }}>
        {isVirtual && (
          <Tooltip title="Virtual charger (one of the bench's own)">
            <SmartToyIcon fontSize="small" color="secondary" titleAccess="Virtual charger" />
          </Tooltip>
        )}
        {faults.length > 0 && (
          <Tooltip title={`Fault switches on: ${faults.join(', ')}`}>
            <WarningAmberIcon fontSize="small" color="warning" titleAccess={`${faults.length} fault switch${faults.length === 1 ? '' : 'es'} on`} />
          </Tooltip>
        )}
      </Stack>
    );
  return (
    // A narrow column (the Chargers list) wraps a chip's words rather than cut them; the tooltip has them all.
    <Stack direction="row" useFlexGap sx={{ gap: 0.5, flexWrap: 'wrap', alignItems: 'center', minWidth: 0, maxWidth: '100%' }}>
      {isVirtual && (
        <Tooltip title="One of the bench's own virtual chargers, not a charger on the network">
          <Chip size="small" variant="outlined" color="secondary" icon={<SmartToyIcon />} label="Virtual" sx={wrappingChipSx} />
        </Tooltip>
      )}
      {faults.length > 0 && (
        <Tooltip title={`Fault switches on: ${faults.join(', ')}`}>
          <Chip size="small" color="warning" icon={<WarningAmberIcon />} label={`${faults.length} fault switch${faults.length === 1 ? '' : 'es'} on`} sx={wrappingChipSx} />
        </Tooltip>
      )}
      {concerns.map((c) => (
        <Tooltip key={c.connectorId} title={c.text}>
          <Chip size="small" color={c.level === 'fault' ? 'error' : 'warning'} variant={c.level === 'fault' ? 'filled' : 'outlined'} icon={<ErrorOutlineIcon />} label={c.text} sx={wrappingChipSx} />
        </Tooltip>
      ))}
    </Stack>
  );
}

/** A charger id as a choice in a list (a charger filter, a picker): the id and its compact badges. */
export function renderChargerOption({ key, ...props }: HTMLAttributes<HTMLLIElement> & { key: Key }, chargerId: string) {
  return (
    <li key={key} {...props}>
      <span style={{ marginRight: 4 }}>{chargerId}</span>
      <ChargerBadges chargerId={chargerId} compact />
    </li>
  );
}
