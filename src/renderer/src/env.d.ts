// What the preload puts on window: present in the Electron app, absent when served to a browser.
/// <reference types="vite/client" />
import type { ChargeBenchBridge } from '../../shared/api/bridge';

declare global {
  interface Window {
    chargebench?: ChargeBenchBridge;
  }
}
