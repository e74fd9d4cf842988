// Signed headers, validator-set changes and chains of blocks, for the shared verification suite
// (verify-suite.ts).
import {
  assertValidBlockChain,
  assertValidCommittedBlock,
  assertValidHeaderChain,
  assertValidSignedHeader,
  decodeCommittedBlock,
  verifySignedHeader,
} from '../../light-client/verify/index.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../proto/index.ts';
import { checkBytes, checkEqual } from './check.ts';
import type { TestCase } from './hash-suite.ts';
import { A, B, expectVerifyError, genesis, options } from './verify-cases-common.ts';
import {
  buildChain,
  type ChainBlock,
  certify,
  GENESIS_TIME_MS,
  keys,
  mutate,
  validatorSet,
} from './verify-fixtures.ts';

export function headerCases(): TestCase[] {
  const setA = validatorSet(A);
  const [first] = buildChain({ signers: () => ({ set: setA, keys: A }), count: 1 }) as [ChainBlock];
  const { header, commit } = first;
  const verify =
    (h = header, c = commit, set = setA, extra = {}) =>
    () =>
      assertValidSignedHeader(h, c, set, { ...options, ...extra });
  return [
    {
      name: 'a signed header verifies against its trusted set',
      async run() {
        const verified = verify()();
        checkBytes(verified.hash, first.hash, 'hash');
        checkEqual(verified.commit.signedPower, 4n, 'power');
        checkEqual(verifySignedHeader(header, commit, setA, options), true, 'boolean');
      },
    },
    {
      name: 'a mutated header no longer matches its certificate',
      async run() {
        for (const changes of [
          { stateRoot: new Uint8Array(32).fill(0xee) },
          { timeMs: bigintToLong(GENESIS_TIME_MS + 5n) },
          { receiptsRoot: new Uint8Array(32) },
        ])
          expectVerifyError(
            verify(mutate(header, changes)),
            'VERIFY_BLOCK_HASH',
            Object.keys(changes)[0] ?? '',
          );
        checkEqual(
          verifySignedHeader(
            mutate(header, { stateRoot: new Uint8Array(32) }),
            commit,
            setA,
            options,
          ),
          false,
          'bool',
        );
      },
    },
    {
      name: 'wrong chain, height, validator set or proposer is refused',
      async run() {
        expectVerifyError(
          verify(mutate(header, { chainId: 'pvchain-other' })),
          'VERIFY_CHAIN_ID',
          'chain',
        );
        expectVerifyError(verify(header, commit, setA, { height: 2n }), 'VERIFY_HEIGHT', 'height');
        expectVerifyError(
          verify(header, commit, validatorSet(B)),
          'VERIFY_VALIDATORS_HASH',
          'set B',
        );
        expectVerifyError(
          verify(header, commit, validatorSet(A.slice(0, 3))),
          'VERIFY_VALIDATORS_HASH',
          'subset',
        );
        const stranger = mutate(header, { proposer: keys([99])[0]?.address as Uint8Array });
        expectVerifyError(verify(stranger, commit), 'VERIFY_PROPOSER', 'proposer');
        expectVerifyError(verify(mutate(header, { version: 2 })), 'VERIFY_MALFORMED', 'version');
        expectVerifyError(
          verify(mutate(header, { previousHash: new Uint8Array(5) })),
          'VERIFY_MALFORMED',
          'size',
        );
      },
    },
  ];
}

export function changeCases(): TestCase[] {
  const setA = validatorSet(A);
  const setB = validatorSet(B);
  // Heights 1-3 signed by A; block 3 names B as the next set; 4-7 signed by B.
  const signers = (height: bigint) =>
    height <= 3n ? { set: setA, keys: A } : { set: setB, keys: B };
  const chain = buildChain({ signers, count: 7 });
  const headers = chain.map((c) => ({ header: c.header, commit: c.commit }));
  return [
    {
      name: 'a validator-set change is followed one hop at a time when the new set is supplied',
      async run() {
        const trusted = assertValidHeaderChain(genesis(setA), headers, {
          ...options,
          validatorSets: [setB],
        });
        checkEqual(trusted.height, 7n, 'height');
        checkBytes(trusted.hash, chain[6]?.hash as Uint8Array, 'hash');
        checkBytes(trusted.nextValidators?.hash as Uint8Array, setB.hash, 'now B');
      },
    },
    {
      name: 'without the new set, or with another one, the header after the change is refused',
      async run() {
        for (const validatorSets of [[], [validatorSet(B.slice(0, 4))]]) {
          const error = expectVerifyError(
            () => assertValidHeaderChain(genesis(setA), headers, { ...options, validatorSets }),
            'VERIFY_VALIDATORS_HASH',
            `supplied ${validatorSets.length}`,
          );
          checkEqual(error.details.height, 4n, 'at the first block of B');
        }
      },
    },
    {
      name: 'after the change the old set cannot sign, and a skipped height breaks the link',
      async run() {
        const byA = certify({ height: 4n, blockHash: chain[3]?.hash as Uint8Array }, A);
        const forged = headers.map((h, i) => (i === 3 ? { ...h, commit: byA } : h));
        expectVerifyError(
          () =>
            assertValidHeaderChain(genesis(setA), forged, { ...options, validatorSets: [setB] }),
          'VERIFY_UNKNOWN_SIGNER',
          'A signs for B',
        );
        const skipped = [...headers.slice(0, 2), ...headers.slice(3)];
        expectVerifyError(
          () =>
            assertValidHeaderChain(genesis(setA), skipped, { ...options, validatorSets: [setB] }),
          'VERIFY_HEIGHT',
          'skip',
        );
        const relinked = headers.map((h, i) =>
          i === 2 ? { ...h, header: mutate(h.header, { previousHash: new Uint8Array(32) }) } : h,
        );
        expectVerifyError(
          () => assertValidHeaderChain(genesis(setA), relinked, options),
          'VERIFY_LINK',
          'previous hash',
        );
      },
    },
  ];
}

export function blockCases(): TestCase[] {
  const setA = validatorSet(A);
  const chain = buildChain({
    signers: () => ({ set: setA, keys: A }),
    count: 5,
    transactionsPerBlock: 3,
  });
  const blocks = chain.map((c) => c.block);
  const final = chain[4]?.commit as pvchain.v1.CommitCertificate.$Properties;
  const verifyChain =
    (list = blocks, last = final) =>
    () =>
      assertValidBlockChain(genesis(setA), list, last, options);
  const replaced = (i: number, block: pvchain.v1.Block.$Properties) =>
    blocks.map((b, j) => (j === i ? block : b));
  return [
    {
      name: 'a chain of blocks verifies by itself: each next last_commit certifies the previous',
      async run() {
        const trusted = verifyChain()();
        checkEqual(trusted.height, 5n, 'height');
        const bytes = encodeCanonical(pvchain.v1.CommittedBlock, {
          block: blocks[0],
          commit: chain[0]?.commit,
        });
        const decoded = decodeCommittedBlock(bytes);
        checkEqual(
          assertValidCommittedBlock(genesis(setA), decoded, options).trusted.height,
          1n,
          'one',
        );
      },
    },
    {
      name: 'a mutated transaction, a swapped last commit or a minority final commit is refused',
      async run() {
        const block = blocks[2] as pvchain.v1.Block.$Properties;
        const txs = [...(block.transactions ?? [])];
        txs[1] = { ...txs[1], transaction: new TextEncoder().encode('pay me instead') };
        expectVerifyError(
          verifyChain(replaced(2, { ...block, transactions: txs })),
          'VERIFY_TRANSACTIONS_ROOT',
          'tx',
        );
        expectVerifyError(
          verifyChain(replaced(2, { ...block, transactions: txs.slice(1) })),
          'VERIFY_TRANSACTIONS_ROOT',
          'dropped',
        );
        // Three of four also make a valid certificate of block 2, but not the one block 3 binds.
        const other = certify({ height: 2n, blockHash: chain[1]?.hash as Uint8Array }, A.slice(1));
        const error = expectVerifyError(
          verifyChain(replaced(2, { ...block, lastCommit: other })),
          'VERIFY_LINK',
          'swap',
        );
        checkEqual(error.details.height, 3n, 'at block 3');
        const minority = certify(
          { height: 5n, blockHash: chain[4]?.hash as Uint8Array },
          A.slice(0, 2),
        );
        expectVerifyError(verifyChain(blocks, minority), 'VERIFY_INSUFFICIENT_POWER', 'final');
        const { lastCommit: _, ...bare } = block;
        expectVerifyError(verifyChain(replaced(2, bare)), 'VERIFY_LINK', 'missing last commit');
        expectVerifyError(
          () => decodeCommittedBlock(Uint8Array.of(0xff, 0xff)),
          'VERIFY_MALFORMED',
          'garbage',
        );
      },
    },
  ];
}
