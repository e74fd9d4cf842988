// Who may act for an account: the weights of the keys that signed against the threshold that
// the transaction's operations require (BubiChain V3's model).
import { type AccountRecord, type Permissions, toHex } from './account-record.ts';

/** The summed weight of the distinct signing addresses: the master key and listed signers count. */
export function signatureWeight(
  account: AccountRecord,
  signerAddresses: readonly Uint8Array[],
): bigint {
  const own = toHex(account.address);
  const seen = new Set<string>();
  let weight = 0n;
  for (const address of signerAddresses) {
    const hex = toHex(address);
    if (seen.has(hex)) continue;
    seen.add(hex);
    weight += BigInt(
      hex === own ? account.permissions.masterWeight : (account.permissions.signers.get(hex) ?? 0),
    );
  }
  return weight;
}

/** tx_threshold, raised by the type threshold of any operation type the transaction uses. */
export function requiredThreshold(
  permissions: Permissions,
  operationTypes: Iterable<number>,
): bigint {
  let threshold = permissions.txThreshold;
  for (const type of operationTypes) {
    const typeThreshold = permissions.typeThresholds.get(type) ?? 0n;
    if (typeThreshold > threshold) threshold = typeThreshold;
  }
  return threshold;
}
