// The verification suite, shared by Node (test/unit/light-client/verify/verify-shared.test.ts) and
// Chromium (test/browser/verify.test.ts): commit certificates (quorums, forged minorities,
// duplicates, strangers, bad signatures), signed headers (mutations, wrong sets), validator sets,
// a validator-set change followed across heights, and chains of blocks verifying by themselves.
import {
  assertValidBlockChain,
  assertValidCommitCertificate,
  assertValidCommittedBlock,
  assertValidHeaderChain,
  assertValidSignedHeader,
  createValidatorSet,
  decodeCommittedBlock,
  decodeValidatorSet,
  encodeValidatorSet,
  trustBlock,
  type ValidatorSet,
  VerifyError,
  type VerifyErrorCode,
  validatorSetHash,
  verifyCommitCertificate,
  verifySignedHeader,
} from '../../light-client/verify/index.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../proto/index.ts';
import { CheckError, checkBytes, checkEqual, toHex } from './check.ts';
import type { TestCase } from './hash-suite.ts';
import {
  ALG,
  buildChain,
  CHAIN_ID,
  type ChainBlock,
  certify,
  GENESIS_HASH,
  GENESIS_TIME_MS,
  type Key,
  keys,
  mutate,
  validatorSet,
} from './verify-fixtures.ts';

/** Runs `run`, demands a VerifyError with `code`, and returns it. */
export function expectVerifyError(run: () => unknown, code: VerifyErrorCode, what: string) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof VerifyError)) throw new CheckError(`${what}: got ${String(error)}`);
    checkEqual(error.code, code, `${what}: code (${error.message})`);
    return error;
  }
  throw new CheckError(`${what}: expected ${code}, nothing was thrown`);
}

const A = keys([10, 11, 12, 13]);
const B = keys([20, 21, 22, 23, 24]);
const options = { chainId: CHAIN_ID, hash: ALG } as const;
const genesis = (set: ValidatorSet) =>
  trustBlock({ height: 0n, hash: GENESIS_HASH, timeMs: GENESIS_TIME_MS }, set);

function certificateCases(): TestCase[] {
  const set = validatorSet(A);
  const target = { height: 7n, blockHash: new Uint8Array(32).fill(3) };
  const expected = { chainId: CHAIN_ID, ...target };
  const check = (signers: Key[]) => () =>
    assertValidCommitCertificate(certify(target, signers), set, expected);
  return [
    {
      name: 'a certificate of all, and of three of four, is a quorum',
      async run() {
        checkEqual(check(A)().signedPower, 4n, 'all signed');
        const three = check(A.slice(1))();
        checkEqual(three.signedPower, 3n, 'three signed');
        checkEqual(three.signers.length, 3, 'signers');
        checkEqual(verifyCommitCertificate(certify(target, A), set, expected), true, 'boolean');
      },
    },
    {
      name: 'a minority-signed certificate is refused before any signature is checked',
      async run() {
        const error = expectVerifyError(check(A.slice(0, 2)), 'VERIFY_INSUFFICIENT_POWER', 'two');
        checkEqual(error.details.actual, '2', 'signed power');
        expectVerifyError(check([]), 'VERIFY_INSUFFICIENT_POWER', 'none');
        checkEqual(
          verifyCommitCertificate(certify(target, [A[0] as Key]), set, expected),
          false,
          'bool',
        );
      },
    },
    {
      name: 'voting power counts, not heads; exactly two thirds is not enough',
      async run() {
        const weighted = validatorSet(A, [5n, 1n, 1n, 1n]);
        const run = (signers: Key[]) => () =>
          assertValidCommitCertificate(certify(target, signers), weighted, expected);
        expectVerifyError(run(A.slice(1)), 'VERIFY_INSUFFICIENT_POWER', 'three light ones');
        expectVerifyError(run([A[0] as Key]), 'VERIFY_INSUFFICIENT_POWER', 'heavy alone: 5 of 8');
        checkEqual(run(A.slice(0, 2))().signedPower, 6n, 'heavy and one: 6 of 8');
        const three = validatorSet(A.slice(0, 3));
        const exact = () =>
          assertValidCommitCertificate(certify(target, A.slice(0, 2)), three, expected);
        expectVerifyError(exact, 'VERIFY_INSUFFICIENT_POWER', '2 of 3');
      },
    },
    {
      name: 'duplicates, strangers and unsorted signatures are refused',
      async run() {
        const commit = certify(target, A.slice(0, 3));
        const signatures = commit.signatures ?? [];
        const twice = { ...commit, signatures: [...signatures, signatures[2] as never] };
        const dup = expectVerifyError(
          () => assertValidCommitCertificate(twice, set, expected),
          'VERIFY_DUPLICATE_SIGNER',
          'twice',
        );
        checkEqual(dup.details.validators?.length, 1, 'the duplicate named');
        const strangers = certify(target, [...A.slice(0, 3), ...keys([99])]);
        const unknown = expectVerifyError(
          () => assertValidCommitCertificate(strangers, set, expected),
          'VERIFY_UNKNOWN_SIGNER',
          'non-member',
        );
        checkEqual(
          unknown.details.validators?.[0],
          toHex(keys([99])[0]?.address as Uint8Array),
          'who',
        );
        const reversed = { ...commit, signatures: [...signatures].reverse() };
        expectVerifyError(
          () => assertValidCommitCertificate(reversed, set, expected),
          'VERIFY_MALFORMED',
          'unsorted',
        );
      },
    },
    {
      name: 'signatures over anything else are bad signatures, named by validator',
      async run() {
        const otherHeight = certify({ ...target, height: 8n }, A);
        const forged = { ...certify(target, A), signatures: otherHeight.signatures };
        const error = expectVerifyError(
          () => assertValidCommitCertificate(forged, set, expected),
          'VERIFY_BAD_SIGNATURE',
          'other height',
        );
        checkEqual(error.details.validators?.length, 4, 'all four named');
        const otherChain = certify({ ...target, chainId: 'pvchain-other' }, A);
        expectVerifyError(
          () => assertValidCommitCertificate(otherChain, set, expected),
          'VERIFY_BAD_SIGNATURE',
          'other chain',
        );
        const good = certify(target, A);
        const one = (good.signatures ?? []).map((s, i) =>
          i === 1 ? { ...s, signature: (otherHeight.signatures ?? [])[1]?.signature } : s,
        );
        const bad = expectVerifyError(
          () => assertValidCommitCertificate({ ...good, signatures: one }, set, expected),
          'VERIFY_BAD_SIGNATURE',
          'one bad of four (three would be a quorum)',
        );
        checkEqual(bad.details.validators?.length, 1, 'one named');
      },
    },
    {
      name: 'a certificate for another height or block, or with wrong sizes, is refused',
      async run() {
        const commit = certify(target, A);
        const at = (e: Partial<typeof expected>) => () =>
          assertValidCommitCertificate(commit, set, { ...expected, ...e });
        expectVerifyError(at({ height: 6n }), 'VERIFY_HEIGHT', 'height');
        expectVerifyError(at({ blockHash: new Uint8Array(32) }), 'VERIFY_BLOCK_HASH', 'hash');
        const short = { ...commit, blockHash: new Uint8Array(31) };
        expectVerifyError(
          () => assertValidCommitCertificate(short, set, expected),
          'VERIFY_MALFORMED',
          'hash size',
        );
        const sigs = (commit.signatures ?? []).map((s) => ({
          ...s,
          signature: new Uint8Array(63),
        }));
        expectVerifyError(
          () => assertValidCommitCertificate({ ...commit, signatures: sigs }, set, expected),
          'VERIFY_MALFORMED',
          'signature size',
        );
      },
    },
  ];
}

function validatorSetCases(): TestCase[] {
  return [
    {
      name: 'a validator set hashes its canonical encoding in any input order',
      async run() {
        const entries = A.map((k) => ({
          address: k.address,
          publicKey: k.publicKey,
          votingPower: 2n,
        }));
        const set = createValidatorSet(ALG, [...entries].reverse());
        checkBytes(set.hash, validatorSetHash(ALG, entries), 'hash');
        checkEqual(set.totalPower, 8n, 'total');
        const decoded = decodeValidatorSet(ALG, encodeValidatorSet(entries));
        checkBytes(decoded.hash, set.hash, 'decoded');
      },
    },
    {
      name: 'duplicate members, foreign addresses, zero power and bad encodings are refused',
      async run() {
        const entry = (k: Key, votingPower = 1n) => ({
          address: k.address,
          publicKey: k.publicKey,
          votingPower,
        });
        const [a, b] = A as [Key, Key];
        expectVerifyError(
          () => createValidatorSet(ALG, [entry(a), entry(a)]),
          'VERIFY_DUPLICATE_SIGNER',
          'dup',
        );
        const foreign = { ...entry(a), address: b.address };
        expectVerifyError(() => createValidatorSet(ALG, [foreign]), 'VERIFY_MALFORMED', 'address');
        expectVerifyError(
          () => createValidatorSet(ALG, [entry(a, 0n)]),
          'VERIFY_MALFORMED',
          'power',
        );
        expectVerifyError(() => createValidatorSet(ALG, []), 'VERIFY_MALFORMED', 'empty');
        const unsorted = encodeCanonical(pvchain.v1.ValidatorSet, {
          validators: [...A]
            .sort((x, y) => -toHex(x.address).localeCompare(toHex(y.address)))
            .map((k) => ({ ...entry(k), votingPower: bigintToLong(1n) })),
        });
        expectVerifyError(() => decodeValidatorSet(ALG, unsorted), 'VERIFY_MALFORMED', 'unsorted');
        expectVerifyError(
          () => decodeValidatorSet(ALG, Uint8Array.of(0x0a, 0x05, 1)),
          'VERIFY_MALFORMED',
          'garbage',
        );
        const huge = new Uint8Array(64 * 1024 + 1);
        const tooLarge = expectVerifyError(
          () => decodeValidatorSet(ALG, huge),
          'VERIFY_MALFORMED',
          'size',
        );
        checkEqual((tooLarge.cause as { code?: string }).code, 'PROTO_TOO_LARGE', 'size first');
      },
    },
  ];
}

function headerCases(): TestCase[] {
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

function changeCases(): TestCase[] {
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

function blockCases(): TestCase[] {
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

export function createVerifySuite(): TestCase[] {
  return [
    ...certificateCases(),
    ...validatorSetCases(),
    ...headerCases(),
    ...changeCases(),
    ...blockCases(),
  ];
}
