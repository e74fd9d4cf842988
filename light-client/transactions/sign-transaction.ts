// Builds and signs a transaction with one key: the canonical Transaction, signed over
// SigningPayload { SIGNING_DOMAIN_TRANSACTION, chain id, transaction } (proto/signing.ts), in a
// SignedTransaction. Isomorphic: node tools and browsers sign the same bytes.
import { addressBytesFromPublicKey, getPublicKey, sign } from '../../assembly/bindings/crypto.ts';
import { bigintToLong, encodeCanonical, encodeSigningPayload, pvchain } from '../../proto/index.ts';

const v1 = pvchain.v1;

export type TransactionSigner = {
  secretKey: Uint8Array;
  /** Derived from the secret key when absent. */
  publicKey?: Uint8Array;
};

/** The SignedTransaction of `source`'s key with `nonce` and `operations`. */
export function signTransaction(
  chainId: string,
  signer: TransactionSigner,
  nonce: bigint,
  operations: pvchain.v1.Operation.$Properties[],
  options: { gasLimit?: bigint } = {},
): Uint8Array {
  const publicKey = signer.publicKey ?? getPublicKey(signer.secretKey);
  const transaction = encodeCanonical(v1.Transaction, {
    chainId,
    source: addressBytesFromPublicKey(publicKey),
    nonce: bigintToLong(nonce),
    operations,
    gasLimit: bigintToLong(options.gasLimit ?? 0n),
  });
  const payload = encodeSigningPayload(
    v1.SigningDomain.SIGNING_DOMAIN_TRANSACTION,
    chainId,
    transaction,
  );
  return encodeCanonical(v1.SignedTransaction, {
    transaction,
    signatures: [{ publicKey, signature: sign(payload, signer.secretKey) }],
  });
}
