// The fields of a received block's header that can be checked before executing it: the chain,
// the height, the link to the previous block, the time, and the validator set that signs it.
// The next validators hash is compared after executing it, with the rest of the encoding.
import { longToBigint, type pvchain } from '../../proto/index.ts';
import { BLOCK_VERSION } from './block-header.ts';

export type HeaderExpectations = {
  chainId: string;
  height: bigint;
  previousHash: Uint8Array;
  previousTimeMs: bigint;
  validatorsHash: Uint8Array;
};

const same = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/** What is wrong with `header`, or null. */
export function headerProblem(
  header: pvchain.v1.BlockHeader,
  expected: HeaderExpectations,
): string | null {
  if (header.version !== BLOCK_VERSION) return `version ${header.version}`;
  if (header.chainId !== expected.chainId) return `chain id ${JSON.stringify(header.chainId)}`;
  const height = longToBigint(header.height);
  if (height !== expected.height) return `height ${height}, expected ${expected.height}`;
  if (!same(header.previousHash, expected.previousHash)) return 'previous hash';
  if (longToBigint(header.timeMs) <= expected.previousTimeMs)
    return 'time not after the previous block';
  if (!same(header.validatorsHash, expected.validatorsHash)) return 'validators hash';
  if (header.proposer.length !== 23) return 'proposer';
  return null;
}

/** What differs between a received block and our execution of it, or null. */
export function blockMismatch(
  ours: {
    header: { transactionsRoot: Uint8Array; receiptsRoot: Uint8Array; stateRoot: Uint8Array };
    executed: { excluded: readonly unknown[] };
    blockBytes: Uint8Array;
  },
  theirs: pvchain.v1.BlockHeader,
  theirBytes: Uint8Array,
): string | null {
  if (ours.executed.excluded.length > 0) return 'a transaction that could not be executed';
  if (!same(ours.header.transactionsRoot, theirs.transactionsRoot)) return 'transactions root';
  if (!same(ours.header.receiptsRoot, theirs.receiptsRoot)) return 'receipts root';
  if (!same(ours.header.stateRoot, theirs.stateRoot)) return 'state root';
  if (!same(ours.blockBytes, theirBytes)) return 'encoding (header or last commit)';
  return null;
}
