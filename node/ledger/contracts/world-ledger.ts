// The contract host's view of the world state for one contract's call: balances and transfers
// with the ledger's checks (a household's supply status follows its energy credit), the
// contract's own storage, and the registered meters.
import {
  type ContractLedger,
  type MeterView,
  TransferStatus,
} from '../../../light-client/contracts/index.ts';
import { assetKey } from '../account-record.ts';
import { U64_MAX } from '../chain-rules.ts';
import { updateSupplyStatus } from '../operations/balances.ts';
import type { OperationContext } from '../operations/context.ts';

export function worldLedger(ctx: OperationContext, contract: Uint8Array): ContractLedger {
  const { state } = ctx;
  return {
    balanceOf: (account, asset) =>
      state.get(account)?.balances.get(assetKey(asset.issuer, asset.code)) ?? 0n,
    transfer(from, asset, to, amount) {
      const key = assetKey(asset.issuer, asset.code);
      const source = state.get(from);
      if (!source || (source.balances.get(key) ?? 0n) < amount)
        return TransferStatus.INSUFFICIENT_BALANCE;
      const destination = state.get(to);
      if (!destination) return TransferStatus.NO_DESTINATION;
      if ((destination.balances.get(key) ?? 0n) + amount > U64_MAX) return TransferStatus.OVERFLOW;
      const debited = state.modify(from);
      const credited = state.modify(to);
      if (!debited || !credited) return TransferStatus.NO_DESTINATION;
      const left = (debited.balances.get(key) ?? 0n) - amount;
      if (left === 0n) debited.balances.delete(key);
      else debited.balances.set(key, left);
      credited.balances.set(key, (credited.balances.get(key) ?? 0n) + amount);
      updateSupplyStatus(ctx, debited);
      updateSupplyStatus(ctx, credited);
      return TransferStatus.OK;
    },
    storageRead: (key) => state.storageRead(contract, key),
    storageWrite: (key, value) => state.storageWrite(contract, key, value),
    storageDelete: (key) => state.storageWrite(contract, key, undefined),
    meter(id): MeterView | undefined {
      const meter = state.meterOwner(id)?.meters.get(id);
      if (!meter) return undefined;
      const last = meter.lastReading;
      return {
        household: meter.household,
        grid: meter.registeredBy,
        triggerWh: meter.triggerWh,
        sequence: last?.sequence ?? 0n,
        timeMs: last?.timeMs ?? 0n,
        exportedWh: last?.exportedWh ?? 0n,
        importedWh: last?.importedWh ?? 0n,
        previousImportedWh: meter.previousImportedWh,
      };
    },
  };
}
