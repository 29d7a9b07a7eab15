// Data transfer: vendor-specific data for the charger's own extension, with the data it answers.
import { useState } from 'react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { monoFont } from '../../../app/theme';
import { compact, fieldState, textOrAbsent } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';

export const DataTransfer: OperationPage<'DataTransfer'> = {
  label: 'Data transfer',
  group: 'Charger',
  Panel: DataTransferPanel,
  meanings: {
    Accepted: { tone: 'success', meaning: "The charger's vendor extension accepted the data." },
    Rejected: { tone: 'error', meaning: 'The vendor extension understood the message but refused it.' },
    UnknownMessageId: { tone: 'warning', meaning: 'The charger knows this vendorId but not this messageId.' },
    UnknownVendorId: { tone: 'warning', meaning: 'The charger has no extension for this vendorId.' },
  },
};

function DataTransferPanel() {
  const { chargerId } = usePanel();
  const [vendorId, setVendorId] = useState('');
  const [messageId, setMessageId] = useState('');
  const [data, setData] = useState('');
  const form = useOperationForm(
    chargerId,
    'DataTransfer',
    compact({ vendorId, messageId: textOrAbsent(messageId), data: textOrAbsent(data) }),
    vendorId.trim() === '' ? { vendorId: 'Required: the vendor, e.g. com.example' } : undefined,
  );
  const result = form.op.result;
  const answerData = result?.outcome === 'completed' && typeof result.response.data === 'string' ? result.response.data : null;
  return (
    <PanelShell title="Data transfer" action="DataTransfer" description="Sends vendor-specific data the charger's own extension understands.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField
          label="Vendor id"
          required
          value={vendorId}
          onChange={(e) => setVendorId(e.target.value)}
          sx={{ minWidth: 280 }}
          {...fieldState(form.errors, 'vendorId', 'At most 255 characters')}
        />
        <TextField label="Message id" value={messageId} onChange={(e) => setMessageId(e.target.value)} {...fieldState(form.errors, 'messageId', 'Optional, at most 50 characters')} />
      </Stack>
      <TextField
        label="Data"
        multiline
        minRows={3}
        value={data}
        onChange={(e) => setData(e.target.value)}
        {...fieldState(form.errors, 'data', 'Optional, sent as text')}
        slotProps={{ htmlInput: { style: { fontFamily: monoFont } } }}
      />
      <SendButton pending={form.op.pending} onClick={form.submit}>
        Send data
      </SendButton>
      <OperationOutcome op={form.op}>
        {answerData !== null && (
          <Box component="pre" sx={{ fontFamily: monoFont, fontSize: 12, m: 0, mt: 1, whiteSpace: 'pre-wrap' }}>
            Data in the answer: {answerData}
          </Box>
        )}
      </OperationOutcome>
    </PanelShell>
  );
}
