/**
 * Whose funds a contract may move in one call (docs/contracts.md, "Transfers"): its own, its
 * treasury's (the genesis energy contract's grid, ADR 0010), or what an owner authorised for
 * this call through an allowance, which each transfer uses up.
 */
import { type Allowance, type AssetRef, TransferStatus } from './host-types.ts';

export type TransferAuthority = {
  /** Checks a transfer and, when an allowance pays for it, uses that allowance up. */
  authorise(from: Uint8Array, asset: AssetRef, to: Uint8Array, amount: bigint): TransferStatus;
  /** Gives back what `authorise` took, when the ledger then refused the transfer. */
  refund(from: Uint8Array, asset: AssetRef, to: Uint8Array, amount: bigint): void;
};

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createTransferAuthority(options: {
  self: Uint8Array;
  treasury?: Uint8Array | undefined;
  allowances?: readonly Allowance[] | undefined;
}): TransferAuthority {
  const left = (options.allowances ?? []).map((a) => ({ ...a }));
  const find = (from: Uint8Array, asset: AssetRef, to: Uint8Array) =>
    left.find(
      (a) =>
        bytesEqual(a.owner, from) &&
        a.asset.code === asset.code &&
        bytesEqual(a.asset.issuer, asset.issuer) &&
        (a.to === undefined || bytesEqual(a.to, to)),
    );
  const ownFunds = (from: Uint8Array) =>
    bytesEqual(from, options.self) ||
    (options.treasury !== undefined && bytesEqual(from, options.treasury));
  return {
    authorise(from, asset, to, amount) {
      if (ownFunds(from)) return TransferStatus.OK;
      const allowance = find(from, asset, to);
      if (!allowance || allowance.amount < amount) return TransferStatus.NOT_AUTHORISED;
      allowance.amount -= amount;
      return TransferStatus.OK;
    },
    refund(from, asset, to, amount) {
      if (ownFunds(from)) return;
      const allowance = find(from, asset, to);
      if (allowance) allowance.amount += amount;
    },
  };
}
