// Valid transactions to start from; each rule's test breaks one thing. Addresses are derived as
// DESIGN.md says (the crypto suite checks them against the design's RFC 8032 example).
import { addressBytesFromPublicKey, getPublicKey } from '../../../../assembly/bindings/crypto.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../../../proto/index.ts';

const v1 = pvchain.v1;
export const CHAIN_ID = 'pvchain-test-1';

export const addressOf = addressBytesFromPublicKey;

const keys = new Map<number, Uint8Array>();
/** The Ed25519 public key of secret key n (32 bytes of n). */
export function key(n: number): Uint8Array {
  const known = keys.get(n);
  if (known) return known;
  const publicKey = getPublicKey(new Uint8Array(32).fill(n));
  keys.set(n, publicKey);
  return publicKey;
}
export const GRID = addressOf(key(1));
export const ALICE = addressOf(key(2));
export const BOB = addressOf(key(3));
export const KWH: pvchain.v1.Asset.$Properties = { issuer: GRID, code: 'kWh' };

export function payment(amount = 1000n): pvchain.v1.Operation.$Properties {
  return {
    type: v1.OperationType.OPERATION_TYPE_PAYMENT,
    payment: { destination: BOB, asset: KWH, amount: bigintToLong(amount) },
  };
}

export function transaction(
  overrides: Partial<pvchain.v1.Transaction.$Properties> = {},
): pvchain.v1.Transaction.$Properties {
  return {
    chainId: CHAIN_ID,
    source: ALICE,
    nonce: bigintToLong(1n),
    operations: [payment()],
    ...overrides,
  };
}

/** A signed envelope; the signature bytes are shaped right but not checked at this stage. */
export function signed(
  tx: pvchain.v1.Transaction.$Properties = transaction(),
  signatures: pvchain.v1.Signature.$Properties[] = [
    { publicKey: key(2), signature: new Uint8Array(64).fill(7) },
  ],
): Uint8Array {
  return encodeCanonical(v1.SignedTransaction, {
    transaction: encodeCanonical(v1.Transaction, tx),
    signatures,
  });
}
