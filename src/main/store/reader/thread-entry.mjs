// Starts the reader thread from source (tests, and serve run through tsx): a worker does not take tsx from
// the parent's --import on Node 20, so it is registered here first. A built app runs reader-thread.js.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
