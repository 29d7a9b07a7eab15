// The message log screen: every charger's frames in one place (a charger's own log is a tab of its
// detail screen).
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { MessageLog } from './MessageLog';

export function LogScreen() {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, height: '100%' }}>
      <Box>
        <Typography variant="h5" component="h1">
          Message log
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Every OCPP frame the bench received or sent, newest first. Select one to read it in full (arrow keys move); tick frames (X, Shift for a range) to copy or export them.
        </Typography>
      </Box>
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <MessageLog />
      </Box>
    </Box>
  );
}
