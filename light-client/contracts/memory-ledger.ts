/**
 * A ContractLedger held in maps: for a browser's preview of a call, for tests and for the
 * benchmark's plain-TypeScript ceiling. Balances of unknown accounts read as 0; a transfer to an
 * account that was never given a balance or created fails with NO_DESTINATION.
 */
import {
  type AssetRef,
  type ContractLedger,
  type MeterView,
  TransferStatus,
} from './host-types.ts';

const U64_MAX = (1n << 64n) - 1n;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex = (bytes: Uint8Array): string => {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number];
  return out;
};
const balanceKey = (account: Uint8Array, asset: AssetRef): string =>
  `${hex(account)}/${hex(asset.issuer)}/${asset.code}`;

export interface MemoryLedger extends ContractLedger {
  /** Makes the account known (a transfer destination) with no balance. */
  createAccount(account: Uint8Array): void;
  setBalance(account: Uint8Array, asset: AssetRef, amount: bigint): void;
  setMeter(id: string, meter: MeterView): void;
  /** The contract storage, key hex -> value. */
  readonly storage: Map<string, Uint8Array>;
}

export function createMemoryLedger(): MemoryLedger {
  const accounts = new Set<string>();
  const balances = new Map<string, bigint>();
  const storage = new Map<string, Uint8Array>();
  const meters = new Map<string, MeterView>();
  const ledger: MemoryLedger = {
    storage,
    createAccount: (account) => void accounts.add(hex(account)),
    setBalance(account, asset, amount) {
      accounts.add(hex(account));
      balances.set(balanceKey(account, asset), amount);
    },
    setMeter: (id, meter) => void meters.set(id, meter),
    balanceOf: (account, asset) => balances.get(balanceKey(account, asset)) ?? 0n,
    transfer(from, asset, to, amount) {
      if (!accounts.has(hex(to))) return TransferStatus.NO_DESTINATION;
      const fromKey = balanceKey(from, asset);
      const toKey = balanceKey(to, asset);
      const available = balances.get(fromKey) ?? 0n;
      if (available < amount) return TransferStatus.INSUFFICIENT_BALANCE;
      const received = (balances.get(toKey) ?? 0n) + amount;
      if (received > U64_MAX) return TransferStatus.OVERFLOW;
      balances.set(fromKey, available - amount);
      balances.set(toKey, received);
      return TransferStatus.OK;
    },
    storageRead: (key) => storage.get(hex(key)),
    storageWrite: (key, value) => void storage.set(hex(key), value),
    storageDelete: (key) => void storage.delete(hex(key)),
    meter: (id) => meters.get(id),
  };
  return ledger;
}
