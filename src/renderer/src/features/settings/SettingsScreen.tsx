// Placeholder until the screen lands.
import Typography from '@mui/material/Typography';

export function SettingsScreen() {
  return <Typography variant="h5">SettingsScreen</Typography>;
}
