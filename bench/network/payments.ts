// Pre-signed payments for the network benchmark: many genesis households paying each other, so
// that no one nonce chain serialises the load. Signed with OpenSSL's Ed25519 (node:crypto), which
// gives the same signatures as the project's signer (RFC 8032 signing is deterministic) in a
// fraction of the time, so tens of thousands are ready in a few seconds.
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { addressBytesFromPublicKey } from '../../assembly/bindings/crypto.ts';
import { bigintToLong, encodeCanonical, encodeSigningPayload, pvchain } from '../../proto/index.ts';
import {
  CHAIN_ID,
  GRID,
  household,
  address as keyAddress,
  secretKey,
} from '../../test/support/community.ts';

const v1 = pvchain.v1;
/** DER prefix of a PKCS #8 Ed25519 private key; the 32-byte seed follows. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

type Signer = { privateKey: KeyObject; publicKey: Uint8Array; address: Uint8Array };

function signerOf(key: number): Signer {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519, secretKey(key)]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
  return { privateKey, publicKey, address: addressBytesFromPublicKey(publicKey) };
}

export type SignedPayment = {
  envelope: Uint8Array;
  /** The transaction's hash as the node logs it (SHA-256 of the transaction bytes), hex. */
  hashHex: string;
};

export type PaymentPlan = {
  /** Paying households: household(firstHousehold) .. household(firstHousehold + senders - 1). */
  firstHousehold: number;
  senders: number;
  /** Nonces firstNonce .. firstNonce + nonces - 1 of every sender. */
  firstNonce: number;
  nonces: number;
};

const signers = new Map<number, Signer>();
const cachedSigner = (key: number): Signer => {
  let signer = signers.get(key);
  if (!signer) {
    signer = signerOf(key);
    signers.set(key, signer);
  }
  return signer;
};

/** Public keys of the plan's households, for the genesis. */
export function householdKeys(plan: Pick<PaymentPlan, 'firstHousehold' | 'senders'>): number[] {
  return Array.from({ length: plan.senders }, (_, i) => household(plan.firstHousehold + i));
}

/**
 * Payments nonce by nonce (every sender's first nonce, then every sender's second, ...), each of
 * 1 Wh to the next household of the plan, in the order they are to be offered.
 */
export function signPayments(plan: PaymentPlan): SignedPayment[] {
  const issuer = keyAddress(GRID);
  const keys = householdKeys(plan);
  const out: SignedPayment[] = [];
  for (let n = 0; n < plan.nonces; n++) {
    const nonce = BigInt(plan.firstNonce + n);
    for (const [i, key] of keys.entries()) {
      const from = cachedSigner(key);
      const to = cachedSigner(keys[(i + 1) % keys.length] as number);
      const transaction = encodeCanonical(v1.Transaction, {
        chainId: CHAIN_ID,
        source: from.address,
        nonce: bigintToLong(nonce),
        operations: [
          {
            type: v1.OperationType.OPERATION_TYPE_PAYMENT,
            payment: {
              destination: to.address,
              asset: { issuer, code: 'kWh' },
              amount: bigintToLong(1n),
            },
          },
        ],
        gasLimit: bigintToLong(0n),
      });
      const payload = encodeSigningPayload(
        v1.SigningDomain.SIGNING_DOMAIN_TRANSACTION,
        CHAIN_ID,
        transaction,
      );
      const signature = new Uint8Array(sign(null, payload, from.privateKey));
      out.push({
        envelope: encodeCanonical(v1.SignedTransaction, {
          transaction,
          signatures: [{ publicKey: from.publicKey, signature }],
        }),
        hashHex: createHash('sha256').update(transaction).digest('hex'),
      });
    }
  }
  return out;
}
