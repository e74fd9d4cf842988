// Valid transactions to start from; each rule's test breaks one thing. Addresses are derived as
// DESIGN.md says (checked against the design's RFC 8032 example in field-checks.test.ts).
import { sha256 } from '../../../../assembly/bindings/crypto.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../../../proto/index.ts';

const v1 = pvchain.v1;
export const CHAIN_ID = 'pvchain-test-1';

function crc8Maxim(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8c : crc >>> 1;
  }
  return crc;
}

export function addressOf(publicKey: Uint8Array): Uint8Array {
  const address = new Uint8Array(23);
  address.set([0xa0, 0x01]);
  address.set(sha256(publicKey).subarray(12, 32), 2);
  address[22] = crc8Maxim(address.subarray(0, 22));
  return address;
}

export const key = (n: number): Uint8Array => new Uint8Array(32).fill(n);
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
