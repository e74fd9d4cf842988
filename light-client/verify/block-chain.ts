// Blocks verifying by themselves: a block's header follows the trusted block and carries a
// quorum certificate (its own, or the next block's last_commit); its transactions hash to the
// header's transactions root; and its last_commit is the certificate of the trusted block, bound
// by the header's last_commit_hash.
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import { encodeCanonical, pvchain } from '../../proto/index.ts';
import { merkleRoot } from '../merkle/merkle-root.ts';
import { bytesOf, equalBytes, fail, toHex, u64 } from './fields.ts';
import {
  assertValidNextHeader,
  type ChainVerifyOptions,
  type TrustedBlock,
} from './header-chain.ts';
import type { VerifiedHeader } from './signed-header.ts';

const v1 = pvchain.v1;

/** The Merkle root over the hashes of the block's transactions (the signed bytes of each). */
export function transactionsRootOf(
  alg: HashAlgorithm,
  transactions: readonly pvchain.v1.SignedTransaction.$Properties[],
): Uint8Array {
  return merkleRoot(
    alg,
    transactions.map((signed) => hash(alg, bytesOf(signed.transaction))),
  );
}

/** The body checks of a block whose header verified after `trusted`. */
function assertValidBody(
  trusted: TrustedBlock,
  verified: VerifiedHeader,
  block: pvchain.v1.Block.$Properties,
  alg: HashAlgorithm,
): void {
  const { height } = verified;
  const root = transactionsRootOf(alg, block.transactions ?? []);
  const headerRoot = bytesOf(verified.header.transactionsRoot);
  if (!equalBytes(root, headerRoot))
    fail('VERIFY_TRANSACTIONS_ROOT', `the transactions of block ${height} are not the header's`, {
      height,
      expected: toHex(headerRoot),
      actual: toHex(root),
    });
  const lastCommit = block.lastCommit;
  if (verified.lastCommitHash.length === 0) {
    if (lastCommit)
      fail('VERIFY_LINK', `block ${height} carries a last commit its header does not bind`, {
        height,
        field: 'block.lastCommit',
      });
    return;
  }
  if (!lastCommit)
    fail('VERIFY_LINK', `block ${height} lacks the last commit its header binds`, {
      height,
      field: 'block.lastCommit',
    });
  const lastCommitHash = hash(alg, encodeCanonical(v1.CommitCertificate, lastCommit));
  if (!equalBytes(lastCommitHash, verified.lastCommitHash))
    fail('VERIFY_LINK', `the last commit of block ${height} is not the one its header binds`, {
      height,
      field: 'block.lastCommit',
      expected: toHex(verified.lastCommitHash),
      actual: toHex(lastCommitHash),
    });
  if (
    u64(lastCommit.height) !== trusted.height ||
    !equalBytes(bytesOf(lastCommit.blockHash), trusted.hash)
  )
    fail('VERIFY_LINK', `the last commit of block ${height} is not for block ${trusted.height}`, {
      height,
      field: 'block.lastCommit',
    });
}

/**
 * Verifies `block` as the block after `trusted` with `commit` as its certificate, or throws
 * VerifyError. Returns the verified header and the new trusted block.
 */
export function assertValidBlock(
  trusted: TrustedBlock,
  block: pvchain.v1.Block.$Properties,
  commit: pvchain.v1.CommitCertificate.$Properties,
  options: ChainVerifyOptions,
): { verified: VerifiedHeader; trusted: TrustedBlock } {
  if (!block.header)
    fail('VERIFY_MALFORMED', 'the block has no header', { height: trusted.height + 1n });
  const next = assertValidNextHeader(trusted, block.header, commit, options);
  assertValidBody(trusted, next.verified, block, options.hash);
  return next;
}

/** Verifies a block served with its own certificate (a CommittedBlock) after `trusted`. */
export function assertValidCommittedBlock(
  trusted: TrustedBlock,
  committed: pvchain.v1.CommittedBlock.$Properties,
  options: ChainVerifyOptions,
): { verified: VerifiedHeader; trusted: TrustedBlock } {
  const at = { height: trusted.height + 1n };
  if (!committed.block) fail('VERIFY_MALFORMED', 'the committed block has no block', at);
  if (!committed.commit) fail('VERIFY_MALFORMED', 'the committed block has no certificate', at);
  return assertValidBlock(trusted, committed.block, committed.commit, options);
}

/**
 * Verifies consecutive blocks after `trusted` with nothing but themselves: each block's
 * certificate is the next block's last_commit, and `finalCommit` certifies the last block.
 * Returns the last block as trusted.
 */
export function assertValidBlockChain(
  trusted: TrustedBlock,
  blocks: readonly pvchain.v1.Block.$Properties[],
  finalCommit: pvchain.v1.CommitCertificate.$Properties,
  options: ChainVerifyOptions,
): TrustedBlock {
  let current = trusted;
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    const commit = next ? next.lastCommit : finalCommit;
    if (!commit)
      fail('VERIFY_LINK', `block ${current.height + 2n} carries no certificate of its previous`, {
        height: current.height + 2n,
        field: 'block.lastCommit',
      });
    current = assertValidBlock(current, block, commit, options).trusted;
  });
  return current;
}
