// Placeholder until multi-charger send lands.
export function MultiSendDialog(_props: { chargerIds: string[]; open: boolean; onClose: () => void }) {
  return null;
}
