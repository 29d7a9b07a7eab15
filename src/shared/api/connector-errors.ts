// A connector's OCPP error code (StatusNotification errorCode) in plain words, for every face: what the
// fault is and what it means for the person at the charger. One table; the UI's chips, cards and alerts
// read it.
import type { ChargePointErrorCode, ChargePointStatus } from '../ocpp16/enums';

export interface ErrorCodeWords {
  /** A few words: "Ground fault". */
  title: string;
  /** What it means on site, in a sentence. */
  meaning: string;
}

export const connectorErrorWords: Record<ChargePointErrorCode, ErrorCodeWords> = {
  NoError: { title: 'No error', meaning: 'The charger reports no fault.' },
  ConnectorLockFailure: { title: 'Cable lock failure', meaning: 'The cable lock did not lock or unlock: check the lock and the cable in the socket.' },
  EVCommunicationError: { title: 'Car communication error', meaning: 'The charger cannot talk to the car over the cable (control pilot or ISO 15118): check the cable and the car.' },
  GroundFailure: { title: 'Ground fault', meaning: 'Current is leaking to earth and the residual current protection tripped: check the installation before charging again.' },
  HighTemperature: { title: 'Too hot', meaning: 'The charger is too hot inside: it charges slower or stops until it cools down.' },
  InternalError: { title: 'Internal error', meaning: 'The charger reports a fault in its own hardware or software.' },
  LocalListConflict: { title: 'Local list conflict', meaning: "The charger's local list disagrees with the central system's answer for an idTag." },
  OtherError: { title: 'Other error', meaning: 'A fault OCPP has no code for: the vendor error code and info say more.' },
  OverCurrentFailure: { title: 'Over-current', meaning: 'The car drew more current than allowed, so the charger cut the supply.' },
  OverVoltage: { title: 'Over-voltage', meaning: 'The supply voltage is too high: check the mains supply.' },
  PowerMeterFailure: { title: 'Meter failure', meaning: 'The energy meter cannot be read: energy readings may be missing or wrong.' },
  PowerSwitchFailure: { title: 'Power switch failure', meaning: 'The contactor (power relay) did not switch: the outlet may still be live, or cannot deliver power.' },
  ReaderFailure: { title: 'Card reader failure', meaning: 'The RFID reader does not work: cards cannot be presented.' },
  ResetFailure: { title: 'Reset failure', meaning: 'The charger could not carry out a reset.' },
  UnderVoltage: { title: 'Under-voltage', meaning: 'The supply voltage is too low: check the mains supply.' },
  WeakSignal: { title: 'Weak signal', meaning: 'The wireless signal is weak: the connection to the central system may drop.' },
};

/** "Ground fault: current is leaking to earth …" for an error code; the code itself for one OCPP does not define. */
export function errorCodeInWords(code: string): string {
  const words = connectorErrorWords[code as ChargePointErrorCode];
  return words ? `${words.title}: ${words.meaning.charAt(0).toLowerCase()}${words.meaning.slice(1)}` : code;
}

/** How much a connector's state needs a look: a fault, something suspicious (an error code or vendor code while not faulted), or nothing. */
export function connectorConcern(c: { status: ChargePointStatus; errorCode: ChargePointErrorCode; vendorErrorCode?: string | null }): 'fault' | 'warning' | null {
  if (c.status === 'Faulted') return 'fault';
  if (c.errorCode !== 'NoError' || c.vendorErrorCode) return 'warning';
  return null;
}
