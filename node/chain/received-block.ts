// A block that came from another node (a primary's proposal, or block sync): decoded with its
// size checked first, every transaction decoded and its signatures batch-verified. Anything
// wrong throws ChainError CHAIN_INVALID_BLOCK: an honest primary never proposes such a block.
import type { HashAlgorithm, SignedMessage } from '../../assembly/bindings/crypto.ts';
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
};

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
  const decoded: DecodedTransaction[] = block.transactions.map((signed, i) => {
    try {
      return decodeSignedTransaction(
        encodeCanonical(pvchain.v1.SignedTransaction, signed),
        options,
      );
    } catch (error) {
      if (error instanceof TransactionError) return invalid(`transaction ${i}: ${error.message}`);
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
  const verdicts = await options.verifyBatch(items);
  if (verdicts.some((ok) => !ok)) invalid('a transaction signature does not verify');
  return {
    header: header as pvchain.v1.BlockHeader,
    transactions: decoded.map((tx) => ({
      decoded: tx,
      signerAddresses: tx.signatures.map((s) => options.addressOf(s.publicKey)),
    })),
    lastCommit: (block.lastCommit as pvchain.v1.CommitCertificate | null) ?? null,
  };
}
