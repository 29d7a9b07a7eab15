// A built-in virtual charger's view, as the bench pushes it, for the renderer tests of the Virtual chargers screen.
import { Faults, type VirtualChargerView, type VirtualConnectorView } from '../../src/shared/api/virtual-chargers';

export function aVirtualConnector(connectorId: number, over: Partial<VirtualConnectorView> = {}): VirtualConnectorView {
  return {
    connectorId,
    status: 'Available',
    errorCode: 'NoError',
    plugged: false,
    evSuspended: false,
    authorizedIdTag: null,
    transaction: null,
    cardOutcome: null,
    reservation: null,
    meterWh: 0,
    powerW: 0,
    availability: 'Operative',
    ...over,
  };
}

/** `connectors` of them, each Available. */
export function aVirtualCharger(id = 'VCP1', over: Partial<VirtualChargerView> = {}, connectors = 1): VirtualChargerView {
  return {
    id,
    definition: {
      id,
      connectors,
      vendor: 'ChargeBench',
      model: 'Virtual AC',
      firmwareVersion: '1.0.0',
      profiles: ['Core'],
      maxPowerW: 22_000,
      phases: 3,
      fixedCable: false,
      backupPower: false,
      autoStart: true,
      hasPassword: false,
    },
    running: true,
    connection: 'connected',
    registration: 'Accepted',
    firmwareVersion: '1.0.0',
    firmwareStatus: 'Idle',
    diagnosticsStatus: 'Idle',
    lastError: null,
    queuedMessages: 0,
    localListVersion: 0,
    connectors: Array.from({ length: connectors }, (_, i) => aVirtualConnector(i + 1)),
    chargerFault: null,
    faults: Faults.parse({}),
    ...over,
  };
}
