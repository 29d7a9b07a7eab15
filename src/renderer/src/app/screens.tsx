// The screens that show parts of several features, put together here so that no feature imports
// another: a charger's operations, transactions, log and files tabs and the quick actions on its
// connector cards, sending to many chargers at once, Stop on a running transaction, and the idTag list
// inside Settings.
import * as chargerDetail from '../features/chargers/ChargerDetailScreen';
import * as chargers from '../features/chargers/ChargersScreen';
import { ChargerFiles } from '../features/files/ChargerFiles';
import { IdTagList } from '../features/id-tags/IdTagList';
import { MessageLog } from '../features/log/MessageLog';
import { MultiSendDialog } from '../features/operations/MultiSendDialog';
import { OperationsPanel } from '../features/operations/OperationsPanel';
import { ConnectorActions, StopTransactionButton } from '../features/operations/QuickActions';
import * as settings from '../features/settings/SettingsScreen';
import * as transactions from '../features/transactions/TransactionsScreen';
import * as transactionDetail from '../features/transactions/TransactionDetailScreen';
import { TransactionsTable } from '../features/transactions/TransactionsTable';

function ChargerTransactions({ chargerId }: { chargerId: string }) {
  return <TransactionsTable chargerId={chargerId} StopButton={StopTransactionButton} />;
}

const chargerSections: chargerDetail.ChargerSections = { operations: OperationsPanel, transactions: ChargerTransactions, log: MessageLog, files: ChargerFiles, connectorActions: ConnectorActions };

export function ChargersScreen() {
  return <chargers.ChargersScreen SendDialog={MultiSendDialog} />;
}

export function ChargerDetailScreen() {
  return <chargerDetail.ChargerDetailScreen sections={chargerSections} />;
}

export function SettingsScreen() {
  return <settings.SettingsScreen IdTagList={IdTagList} />;
}

export function TransactionsScreen() {
  return <transactions.TransactionsScreen StopButton={StopTransactionButton} />;
}

export function TransactionDetailScreen() {
  return <transactionDetail.TransactionDetailScreen StopButton={StopTransactionButton} />;
}
