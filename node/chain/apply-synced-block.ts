// A block fetched by block sync, committed on this node: executed as head + 1 through the same path
// as another validator's proposal (its transactions decoded and their signatures batch-verified,
// the header's links checked, and the transactions, receipts and state roots compared with ours),
// then stored in ledger.db with the certificate it came with. Anything that does not match throws
// ChainError CHAIN_INVALID_BLOCK with the state put back: the peer lied, or this node diverged.
//
// The certificate is not verified here: block sync verifies every block with light-client/verify
// (the header, its certificate against the validator set, the transactions root, the last commit)
// before it hands the block over.
import { verifyBatch } from '../../assembly/bindings/crypto.ts';
import { encodeCanonical, MAX_BLOCK_BYTES, pvchain } from '../../proto/index.ts';
import { ChainError } from './chain-error.ts';
import type { SealedBlock } from './committed-block.ts';
import type { ReceiveOptions } from './received-block.ts';

/** What of the chain a synced block goes through (chain.ts). */
export type ReceivingChain<Committed extends SealedBlock = SealedBlock> = {
  executeReceived(
    blockBytes: Uint8Array,
    options: ReceiveOptions & {
      checkLastCommit: (commit: pvchain.v1.CommitCertificate | null) => void;
    },
  ): Promise<{ hash: Uint8Array; height: bigint }>;
  commitPending(
    hash: Uint8Array,
    commit: pvchain.v1.CommitCertificate.$Properties,
  ): Promise<Committed>;
  abandonPending(): Promise<void>;
};

/** The chain's own options, and optionally a size limit and a verifier (e.g. the worker pool). */
export type SyncedBlockOptions = Pick<ReceiveOptions, 'chainId' | 'hash' | 'addressOf'> &
  Partial<Pick<ReceiveOptions, 'maxBlockBytes' | 'verifyBatch'>>;

const same = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Executes, checks and stores `committed` (a CommittedBlock that block sync verified) as block
 * head + 1. Returns the stored block; throws ChainError CHAIN_INVALID_BLOCK when the block is
 * not what executing it gives, with the chain as it was before.
 */
export async function applySyncedBlock<Committed extends SealedBlock>(
  chain: ReceivingChain<Committed>,
  committed: pvchain.v1.CommittedBlock.$Properties,
  options: SyncedBlockOptions,
): Promise<Committed> {
  const { block, commit } = committed;
  if (!block || !commit)
    throw new ChainError('CHAIN_INVALID_BLOCK', 'a synced block needs its block and certificate');
  const blockBytes = encodeCanonical(pvchain.v1.Block, block, {
    maxBytes: Number.MAX_SAFE_INTEGER,
  });
  const pending = await chain.executeReceived(blockBytes, {
    maxBlockBytes: MAX_BLOCK_BYTES,
    verifyBatch,
    ...options,
    // Bound by the certified header's last_commit_hash; checked by light-client/verify.
    checkLastCommit: () => {},
  });
  if (!commit.blockHash || !same(commit.blockHash, pending.hash)) {
    await chain.abandonPending();
    throw new ChainError('CHAIN_INVALID_BLOCK', 'the certificate is for another block');
  }
  // A failure from here on is storage's: the node recovers from ledger.db (docs/adr/0008).
  return chain.commitPending(pending.hash, commit);
}
