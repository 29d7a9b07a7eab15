// What the preload puts on window: present in the Electron app, absent when served to a browser.
import type { BenchStatus } from '../../shared/api/status';

export interface ChargeBenchBridge {
  getStatus(): Promise<BenchStatus>;
}

declare global {
  interface Window {
    chargebench?: ChargeBenchBridge;
  }
}
