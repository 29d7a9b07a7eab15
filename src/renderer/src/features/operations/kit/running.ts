// What runs at a charger, for the operation panels: the one source in components/running.ts.
export {
  connectorIdsOf,
  energySoFarText,
  energyWithTimeText,
  plural,
  runningTransactions,
  runningTransactionsOf,
  useRunning,
  useRunningOf,
  useProgressStanding,
  useFirmwareUpdateUnderWay,
  firmwareUpdateWarning,
  type ActOnUpdate,
  type RunningTransaction,
} from '../../../components/running';
