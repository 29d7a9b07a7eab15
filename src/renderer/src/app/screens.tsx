// The screens that show parts of several features, put together here so that no feature imports
// another: a charger's operations, transactions, log and files tabs, sending to many chargers at once, and the
// idTag list inside Settings.
import * as chargerDetail from '../features/chargers/ChargerDetailScreen';
import * as chargers from '../features/chargers/ChargersScreen';
import { ChargerFiles } from '../features/files/ChargerFiles';
import { IdTagList } from '../features/id-tags/IdTagList';
import { MessageLog } from '../features/log/MessageLog';
import { MultiSendDialog } from '../features/operations/MultiSendDialog';
import { OperationsPanel } from '../features/operations/OperationsPanel';
import * as settings from '../features/settings/SettingsScreen';
import { TransactionsTable } from '../features/transactions/TransactionsTable';

const chargerSections: chargerDetail.ChargerSections = { operations: OperationsPanel, transactions: TransactionsTable, log: MessageLog, files: ChargerFiles };

export function ChargersScreen() {
  return <chargers.ChargersScreen SendDialog={MultiSendDialog} />;
}

export function ChargerDetailScreen() {
  return <chargerDetail.ChargerDetailScreen sections={chargerSections} />;
}

export function SettingsScreen() {
  return <settings.SettingsScreen IdTagList={IdTagList} />;
}
