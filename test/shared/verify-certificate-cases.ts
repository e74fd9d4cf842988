// Commit certificates and validator sets, for the shared verification suite (verify-suite.ts).
import {
  assertValidCommitCertificate,
  createValidatorSet,
  decodeValidatorSet,
  encodeValidatorSet,
  validatorSetHash,
  verifyCommitCertificate,
} from '../../light-client/verify/index.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../proto/index.ts';
import { checkBytes, checkEqual, toHex } from './check.ts';
import type { TestCase } from './hash-suite.ts';
import { A, expectVerifyError } from './verify-cases-common.ts';
import { ALG, CHAIN_ID, certify, type Key, keys, validatorSet } from './verify-fixtures.ts';

export function certificateCases(): TestCase[] {
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

export function validatorSetCases(): TestCase[] {
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
