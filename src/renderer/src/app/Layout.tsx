// The frame around every screen: the navigation, the link state to the bench, and the theme switch.
import type { ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import AppBar from '@mui/material/AppBar';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import EvStationIcon from '@mui/icons-material/EvStation';
import LanIcon from '@mui/icons-material/Lan';
import ListAltIcon from '@mui/icons-material/ListAlt';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import SettingsIcon from '@mui/icons-material/Settings';
import SmartToyIcon from '@mui/icons-material/SmartToy';
import ElectricalServicesIcon from '@mui/icons-material/ElectricalServices';
import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { useBench } from '../stores/bench';
import { useListedOnline } from '../stores/listedChargers';
import { formatClock } from '../components/format';
import { linkProblem } from '../components/reach';
import { NARROW_WINDOW, useThemeMode } from './theme';
import { HealthBanner } from './HealthBanner';
import { ClockSkewNote } from './ClockSkewNote';
import { paths } from './routes';

const DRAWER = 220;
/** On a narrow window (NARROW_WINDOW) the navigation shows its icons only. */
const DRAWER_NARROW = 64;

export const screens = [
  { to: paths.connect(), label: 'Connect', icon: <LanIcon /> },
  { to: paths.chargers(), label: 'Chargers', icon: <ElectricalServicesIcon /> },
  { to: paths.log(), label: 'Message log', icon: <ListAltIcon /> },
  { to: paths.transactions(), label: 'Transactions', icon: <ReceiptLongIcon /> },
  { to: paths.virtual(), label: 'Virtual chargers', icon: <SmartToyIcon /> },
  { to: paths.testRuns(), label: 'Test runs', icon: <FactCheckIcon /> },
  { to: paths.commissioning(), label: 'Commissioning', icon: <AssignmentTurnedInIcon /> },
  { to: paths.settings(), label: 'Settings', icon: <SettingsIcon /> },
];

/** The link of this window to the bench, and how many chargers are online through it (as the Chargers screen lists them). */
function LinkIndicator() {
  const link = useBench((s) => s.link);
  const linkSince = useBench((s) => s.linkSince);
  const face = useBench((s) => s.status?.face);
  // The very snapshot the Chargers screen lists (at most a second old under a busy fleet): its subtitle's
  // "N online" and this chip never disagree.
  const connected = useListedOnline();
  if (link === 'unauthorised') return <Chip size="small" color="error" icon={<CloudOffIcon />} label="Signed out of the bench" role="status" />;
  if (link !== 'open')
    return (
      <Tooltip title={linkProblem(link, linkSince) ?? ''}>
        <Chip
          size="small"
          color="error"
          icon={<CloudOffIcon />}
          label={`${link === 'silent' ? 'Bench not answering' : 'Bench unreachable'}${linkSince ? ` since ${formatClock(linkSince)}` : ''}`}
          role="status"
          aria-live="polite"
        />
      </Tooltip>
    );
  return (
    <Tooltip title={face === 'serve' ? 'This window is connected to the bench: what it shows is live' : 'The bench runs in this app: what it shows is live'}>
      <Chip size="small" color={connected ? 'success' : 'default'} label={`Live · ${connected} charger${connected === 1 ? '' : 's'} online`} role="status" aria-live="polite" />
    </Tooltip>
  );
}

/** While the link to the bench is down: everything on screen is as of then, and nothing can be sent. */
function LinkBanner() {
  const link = useBench((s) => s.link);
  const linkSince = useBench((s) => s.linkSince);
  const loaded = useBench((s) => s.loaded);
  // Before the first load there is nothing on screen to mistake for live.
  if (link === 'open' || link === 'unauthorised' || !loaded) return null;
  return (
    <Alert severity="error" variant="filled" role="alert" sx={{ mb: 2 }}>
      <AlertTitle>{linkProblem(link, linkSince)}</AlertTitle>
      What this window shows is as of then, not live; sending to chargers is disabled until the link is back. {link === 'silent' ? 'Waiting for the bench…' : 'Reconnecting…'}
    </Alert>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { mode, toggle } = useThemeMode();
  const status = useBench((s) => s.status);
  const { pathname } = useLocation();
  const narrow = useMediaQuery(NARROW_WINDOW);
  const drawer = narrow ? DRAWER_NARROW : DRAWER;
  return (
    <Box sx={{ display: 'flex', height: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="fixed" color="inherit" elevation={0} sx={{ zIndex: (t) => t.zIndex.drawer + 1, borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar variant="dense" sx={{ gap: 1.5 }}>
          <EvStationIcon color="primary" />
          <Typography variant="h6" component="div" sx={{ flexGrow: 1 }}>
            ChargeBench
            {status && (
              <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1.5 }}>
                OCPP 1.6J · port {status.port}
                {status.face === 'serve' ? ' · serve mode' : ''}
              </Typography>
            )}
          </Typography>
          <LinkIndicator />
          <Tooltip title={mode === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}>
            <IconButton onClick={toggle} aria-label={mode === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}>
              {mode === 'dark' ? <LightModeIcon /> : <DarkModeIcon />}
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: drawer, flexShrink: 0, '& .MuiDrawer-paper': { width: drawer, boxSizing: 'border-box', overflowX: 'hidden' } }}>
        <Toolbar variant="dense" />
        <List component="nav" aria-label="Screens">
          {screens.map((s) => {
            const item = (
              <ListItemButton key={s.to} component={NavLink} to={s.to} selected={pathname === s.to || pathname.startsWith(`${s.to}/`)} aria-label={narrow ? s.label : undefined}>
                <ListItemIcon sx={{ minWidth: 40 }}>{s.icon}</ListItemIcon>
                {!narrow && <ListItemText primary={s.label} />}
              </ListItemButton>
            );
            return narrow ? (
              <Tooltip key={s.to} title={s.label} placement="right">
                {item}
              </Tooltip>
            ) : (
              item
            );
          })}
        </List>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <Toolbar variant="dense" />
        <Box sx={{ flexGrow: 1, minHeight: 0, overflow: 'auto', p: 3 }}>
          <LinkBanner />
          <ClockSkewNote />
          <HealthBanner />
          {children}
        </Box>
      </Box>
    </Box>
  );
}
