// Assets, balances and transfers.
import { Address } from './address';
import * as env from './env';
import { revert } from './revert';

/** What `transfer` returns (docs/contracts.md, "Transfers and who may be debited"). */
export enum TransferStatus {
  OK = 0,
  INSUFFICIENT_BALANCE = 1,
  NOT_AUTHORISED = 2,
  NO_DESTINATION = 3,
  OVERFLOW = 4,
  INVALID = 5,
}

/** An asset: the issuing account and a code of 1-12 ASCII letters and digits (e.g. `kWh`). */
export class Asset {
  readonly issuer: Address;
  readonly code: string;

  /** Reverts unless the code is 1-12 characters (the host checks that they are ASCII). */
  constructor(issuer: Address, code: string) {
    if (code.length < 1 || code.length > 12) revert('an asset code is 1-12 characters');
    this.issuer = issuer;
    this.code = code;
  }

  /** Writes the code's ASCII bytes to a static buffer for a host call; returns the buffer. */
  codeBytes(): usize {
    const buffer = memory.data(12);
    const code = this.code;
    const n = code.length;
    for (let i = 0; i < n; i++) store<u8>(buffer + <usize>i, <u8>code.charCodeAt(i));
    return buffer;
  }
}

/** The balance of `asset` held by `account` (0 for an unknown account). */
export function balanceOf(account: Address, asset: Asset): u64 {
  const code = asset.codeBytes();
  return env.balance_of(account.ptr, asset.issuer.ptr, code, asset.code.length);
}

/**
 * Moves `amount` of `asset` from `from` to `to` and returns the TransferStatus. `from` must be
 * the contract itself, its treasury, or an account that authorised the contract in this call;
 * an amount of 0 or `from` equal to `to` is INVALID.
 */
export function transfer(from: Address, asset: Asset, to: Address, amount: u64): TransferStatus {
  const code = asset.codeBytes();
  return env.transfer(from.ptr, asset.issuer.ptr, code, asset.code.length, to.ptr, amount);
}

/** Like `transfer`, but reverts with `transferFailure`'s reason unless the status is OK. */
export function transferOrRevert(from: Address, asset: Asset, to: Address, amount: u64): void {
  const status = transfer(from, asset, to, amount);
  if (status !== TransferStatus.OK) revert(transferFailure(asset, status));
}

/** A revert reason naming the asset and the status, e.g. `insufficient CNY`. */
export function transferFailure(asset: Asset, status: TransferStatus): string {
  const code = asset.code;
  switch (status) {
    case TransferStatus.INSUFFICIENT_BALANCE:
      return `insufficient ${code}`;
    case TransferStatus.NOT_AUTHORISED:
      return `${code} transfer not authorised`;
    case TransferStatus.NO_DESTINATION:
      return `${code} transfer to an unknown account`;
    case TransferStatus.OVERFLOW:
      return `${code} transfer would overflow the destination's balance`;
    case TransferStatus.INVALID:
      return `invalid ${code} transfer`;
    default:
      return `${code} transfer failed`;
  }
}
