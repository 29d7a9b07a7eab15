// Worker threads do not take tsx from the parent's --import on Node 20: register it here, then run the sender.
import { register } from 'tsx/esm/api';

register();
await import('./sender.ts');
