// A block that came from another node (a primary's proposal, or block sync): decoded with its
// size checked first, every transaction decoded and its signatures batch-verified. A transaction
// this node already admitted (`known`: same hash, same signatures) is taken as it was admitted,
// neither decoded nor verified again. Anything wrong throws ChainError CHAIN_INVALID_BLOCK: an
// honest primary never proposes such a block.
import { type HashAlgorithm, hash, type SignedMessage } from '../../assembly/bindings/crypto.ts';
import {
  type DecodedTransaction,
  decodeSignedTransaction,
  TransactionError,
} from '../../light-client/transactions/index.ts';
import { decodeCanonical, encodeCanonical, ProtoError, pvchain } from '../../proto/index.ts';
import type { AdmittedTransaction } from '../ledger/execute-transaction.ts';
import { ChainError } from './chain-error.ts';

export type ReceivedBlock = {
  header: pvchain.v1.BlockHeader;
  transactions: AdmittedTransaction[];
  lastCommit: pvchain.v1.CommitCertificate | null;
};

export type ReceiveOptions = {
  chainId: string;
  hash: HashAlgorithm;
  maxBlockBytes: number;
  addressOf: (publicKey: Uint8Array) => Uint8Array;
  verifyBatch: (items: SignedMessage[]) => boolean[] | Promise<boolean[]>;
  /**
   * A transaction this node decoded and whose signatures it verified (the pool's), by hash.
   * Used only when the block carries exactly its signatures.
   */
  known?: ((hash: Uint8Array) => AdmittedTransaction | undefined) | undefined;
};

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.compare(a, b) === 0;

/** The admitted transaction `known` has for `signed`, if its bytes and signatures are these. */
function knownAs(
  signed: pvchain.v1.ISignedTransaction,
  options: ReceiveOptions,
): AdmittedTransaction | undefined {
  const bytes = signed.transaction;
  if (!options.known || !(bytes instanceof Uint8Array)) return undefined;
  const tx = options.known(hash(options.hash, bytes));
  if (!tx || !sameBytes(tx.decoded.transactionBytes, bytes)) return undefined;
  const mine = tx.decoded.signatures;
  const theirs = signed.signatures ?? [];
  if (mine.length !== theirs.length) return undefined;
  for (const [i, s] of mine.entries()) {
    const other = theirs[i];
    if (!other?.publicKey || !other.signature) return undefined;
    if (!sameBytes(s.publicKey, other.publicKey) || !sameBytes(s.signature, other.signature))
      return undefined;
  }
  return tx;
}

const invalid = (message: string): never => {
  throw new ChainError('CHAIN_INVALID_BLOCK', message);
};

export async function receiveBlock(
  blockBytes: Uint8Array,
  options: ReceiveOptions,
): Promise<ReceivedBlock> {
  if (blockBytes.length > options.maxBlockBytes)
    invalid(`block of ${blockBytes.length} bytes, above ${options.maxBlockBytes}`);
  let block: pvchain.v1.Block;
  try {
    block = decodeCanonical(pvchain.v1.Block, blockBytes);
  } catch (error) {
    if (error instanceof ProtoError) invalid(`not a canonical block: ${error.message}`);
    throw error;
  }
  const header = block.header ?? invalid('the block has no header');
  const transactions: AdmittedTransaction[] = new Array(block.transactions.length);
  const decoded: DecodedTransaction[] = [];
  block.transactions.forEach((signed, i) => {
    const admitted = knownAs(signed, options);
    if (admitted) {
      transactions[i] = admitted;
      return;
    }
    try {
      const tx = decodeSignedTransaction(
        encodeCanonical(pvchain.v1.SignedTransaction, signed),
        options,
      );
      decoded.push(tx);
      transactions[i] = {
        decoded: tx,
        signerAddresses: tx.signatures.map((s) => options.addressOf(s.publicKey)),
      };
    } catch (error) {
      if (error instanceof TransactionError) invalid(`transaction ${i}: ${error.message}`);
      throw error;
    }
  });
  const items = decoded.flatMap((tx) =>
    tx.signatures.map((s) => ({
      signature: s.signature,
      message: tx.signingPayload,
      publicKey: s.publicKey,
    })),
  );
  const verdicts = items.length > 0 ? await options.verifyBatch(items) : [];
  if (verdicts.some((ok) => !ok)) invalid('a transaction signature does not verify');
  return {
    header: header as pvchain.v1.BlockHeader,
    transactions,
    lastCommit: (block.lastCommit as pvchain.v1.CommitCertificate | null) ?? null,
  };
}
