// Stage one of admission, the stateless half: size, canonical decoding, chain id, operation
// parameters and the shape of the signatures. What it returns is ready for the stateful half
// (signatures batch-verified against the source account's signers, nonce, pool limits).
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import { decodeCanonical, encodeSigningPayload, ProtoError, pvchain } from '../../proto/index.ts';
import { checkOperation } from './check-operation.ts';
import {
  checkAddress,
  checkLength,
  FieldProblem,
  PUBLIC_KEY_BYTES,
  SIGNATURE_BYTES,
  toBigint,
} from './field-checks.ts';
import {
  MAX_GAS_LIMIT,
  MAX_OPERATIONS_PER_TRANSACTION,
  MAX_SIGNATURES_PER_TRANSACTION,
} from './limits.ts';
import { TransactionErrorCode as Code, TransactionError } from './transaction-error.ts';

const { SignedTransaction, Transaction, SigningDomain } = pvchain.v1;

export type DecodedTransaction = {
  /** Chain hash of the transaction bytes: the transaction's id. */
  hash: Uint8Array;
  transaction: pvchain.v1.Transaction;
  /** The canonical bytes of the Transaction, as signed and hashed. */
  transactionBytes: Uint8Array;
  /** The bytes every signature must sign: SigningPayload { TRANSACTION, chain id, transaction }. */
  signingPayload: Uint8Array;
  signatures: { publicKey: Uint8Array; signature: Uint8Array }[];
  nonce: bigint;
  expiryHeight: bigint;
  gasLimit: bigint;
  /** The signed envelope as received (canonical: decoding checked it). */
  envelopeBytes: Uint8Array;
  /** Size of the signed envelope. */
  sizeBytes: number;
};

export type DecodeTransactionOptions = { chainId: string; hash: HashAlgorithm };

function decodeOrRefuse<M>(decode: () => M, what: string): M {
  try {
    return decode();
  } catch (error) {
    if (!(error instanceof ProtoError)) throw error;
    const code = error.code === 'PROTO_TOO_LARGE' ? Code.TOO_LARGE : Code.MALFORMED;
    throw new TransactionError(code, `${what}: ${error.message}`, {}, { cause: error });
  }
}

function checkSignatures(
  list: pvchain.v1.Signature.$Properties[],
): DecodedTransaction['signatures'] {
  if (list.length < 1 || list.length > MAX_SIGNATURES_PER_TRANSACTION) {
    const detail = `1 to ${MAX_SIGNATURES_PER_TRANSACTION} signatures, got ${list.length}`;
    throw new TransactionError(Code.MALFORMED, detail, { field: 'signatures' });
  }
  return list.map((s, i) => {
    const field = `signatures[${i}]`;
    try {
      const publicKey = checkLength(s.publicKey, PUBLIC_KEY_BYTES, `${field}.publicKey`);
      const signature = checkLength(s.signature, SIGNATURE_BYTES, `${field}.signature`);
      const previous = list[i - 1]?.publicKey;
      if (previous && compare(previous, publicKey) >= 0) {
        throw new FieldProblem('signatures', 'sorted by public key, one per key');
      }
      return { publicKey, signature };
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      throw new TransactionError(Code.MALFORMED, error.message, { field: error.field });
    }
  });
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  }
  return a.length - b.length;
}

function checkOperations(operations: pvchain.v1.Operation.$Properties[]): void {
  if (operations.length < 1 || operations.length > MAX_OPERATIONS_PER_TRANSACTION) {
    const detail = `1 to ${MAX_OPERATIONS_PER_TRANSACTION} operations, got ${operations.length}`;
    throw new TransactionError(Code.MALFORMED, detail, { field: 'operations' });
  }
  operations.forEach((operation, i) => {
    try {
      checkOperation(operation);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      throw new TransactionError(Code.INVALID_OPERATION, `operation ${i + 1}: ${error.message}`, {
        operation: i + 1,
        field: error.field,
      });
    }
  });
}

/** Decodes a signed transaction from the network or a user and checks all that needs no state. */
export function decodeSignedTransaction(
  bytes: Uint8Array,
  options: DecodeTransactionOptions,
): DecodedTransaction {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError('a signed transaction must be a Uint8Array');
  const signed = decodeOrRefuse(
    () => decodeCanonical(SignedTransaction, bytes),
    'signed transaction',
  );
  const signatures = checkSignatures(signed.signatures);
  const transactionBytes = signed.transaction;
  const transaction = decodeOrRefuse(
    () => decodeCanonical(Transaction, transactionBytes),
    'transaction',
  );
  if (transaction.chainId !== options.chainId) {
    const detail = `chain id ${JSON.stringify(transaction.chainId)} is not ${JSON.stringify(options.chainId)}`;
    throw new TransactionError(Code.WRONG_CHAIN, detail, { field: 'chainId' });
  }
  try {
    checkAddress(transaction.source, 'source');
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    throw new TransactionError(Code.MALFORMED, error.message, { field: 'source' });
  }
  const nonce = toBigint(transaction.nonce);
  if (nonce < 1n)
    throw new TransactionError(Code.MALFORMED, 'nonce starts at 1', { field: 'nonce' });
  const gasLimit = toBigint(transaction.gasLimit);
  if (gasLimit > MAX_GAS_LIMIT)
    throw new TransactionError(Code.MALFORMED, `gas_limit above ${MAX_GAS_LIMIT}`, {
      field: 'gasLimit',
    });
  checkOperations(transaction.operations);
  return {
    hash: hash(options.hash, transactionBytes),
    transaction,
    transactionBytes,
    signingPayload: encodeSigningPayload(
      SigningDomain.SIGNING_DOMAIN_TRANSACTION,
      options.chainId,
      transactionBytes,
    ),
    signatures,
    nonce,
    expiryHeight: toBigint(transaction.expiryHeight),
    gasLimit,
    envelopeBytes: bytes,
    sizeBytes: bytes.length,
  };
}
