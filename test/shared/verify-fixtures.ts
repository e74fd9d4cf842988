// Headers, certificates and blocks signed with real Ed25519 keys, for the verification suite in
// Node and Chromium. Keys are derived from numbers as in test/support/community.ts.
import {
  addressBytesFromPublicKey,
  getPublicKey,
  type HashAlgorithm,
  hash,
  sign,
} from '../../assembly/bindings/crypto.ts';
import {
  commitVoteSigningPayload,
  createValidatorSet,
  headerHash,
  transactionsRootOf,
  type ValidatorSet,
} from '../../light-client/verify/index.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../proto/index.ts';

const v1 = pvchain.v1;
export const CHAIN_ID = 'pvchain-verify-test';
export const ALG: HashAlgorithm = 'sha256';
export const GENESIS_TIME_MS = 1_732_400_000_000n;

export type Key = { n: number; secretKey: Uint8Array; publicKey: Uint8Array; address: Uint8Array };

export function key(n: number): Key {
  const secretKey = new Uint8Array(32);
  new DataView(secretKey.buffer).setUint32(0, n + 1);
  const publicKey = getPublicKey(secretKey);
  return { n, secretKey, publicKey, address: addressBytesFromPublicKey(publicKey) };
}

export const keys = (ns: readonly number[]): Key[] => ns.map(key);

export function validatorSet(members: readonly Key[], powers?: readonly bigint[]): ValidatorSet {
  return createValidatorSet(
    ALG,
    members.map((k, i) => ({
      address: k.address,
      publicKey: k.publicKey,
      votingPower: powers?.[i] ?? 1n,
    })),
  );
}

/** The certificate `signers` sign for (height, view, blockHash), sorted by address. */
export function certify(
  target: { height: bigint; blockHash: Uint8Array; view?: bigint; chainId?: string },
  signers: readonly Key[],
): pvchain.v1.CommitCertificate.$Properties {
  const view = target.view ?? 0n;
  const sorted = [...signers].sort((a, b) => compare(a.address, b.address));
  return {
    height: bigintToLong(target.height),
    view: bigintToLong(view),
    blockHash: target.blockHash,
    signatures: sorted.map((k) => ({
      validator: k.address,
      signature: sign(
        commitVoteSigningPayload(target.chainId ?? CHAIN_ID, {
          height: target.height,
          view,
          blockHash: target.blockHash,
          validator: k.address,
        }),
        k.secretKey,
      ),
    })),
  };
}

export function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

const filled = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);
export const GENESIS_HASH = filled(0x99);

export type ChainBlock = {
  block: pvchain.v1.Block.$Properties;
  header: pvchain.v1.BlockHeader.$Properties;
  hash: Uint8Array;
  /** Its own certificate (all of its set signed). */
  commit: pvchain.v1.CommitCertificate.$Properties;
};

export type ChainPlan = {
  /** The signing set of each height from 1; the next height's decides next_validators_hash. */
  signers: (height: bigint) => { set: ValidatorSet; keys: Key[] };
  count: number;
  transactionsPerBlock?: number;
};

/** A chain of `count` blocks after a genesis with hash GENESIS_HASH, each with transactions. */
export function buildChain(plan: ChainPlan): ChainBlock[] {
  const chain: ChainBlock[] = [];
  for (let i = 1; i <= plan.count; i++) {
    const height = BigInt(i);
    const previous = chain[i - 2];
    const { set, keys: signing } = plan.signers(height);
    const transactions = Array.from({ length: plan.transactionsPerBlock ?? 2 }, (_, t) => ({
      transaction: new TextEncoder().encode(`transaction ${t} of block ${i}`),
      signatures: [{ publicKey: filled(t + 1), signature: new Uint8Array(64).fill(7) }],
    }));
    const lastCommit = previous?.commit ?? null;
    const header: pvchain.v1.BlockHeader.$Properties = {
      version: 1,
      chainId: CHAIN_ID,
      height: bigintToLong(height),
      timeMs: bigintToLong(GENESIS_TIME_MS + 1000n * height),
      previousHash: previous?.hash ?? GENESIS_HASH,
      transactionsRoot: transactionsRootOf(ALG, transactions),
      receiptsRoot: filled(0x11),
      stateRoot: filled(i & 0xff),
      validatorsHash: set.hash,
      nextValidatorsHash: plan.signers(height + 1n).set.hash,
      proposer: (signing[0] as Key).address,
      lastCommitHash: lastCommit
        ? hash(ALG, encodeCanonical(v1.CommitCertificate, lastCommit))
        : new Uint8Array(0),
    };
    const blockHash = headerHash(ALG, header);
    chain.push({
      block: { header, transactions, ...(lastCommit ? { lastCommit } : {}) },
      header,
      hash: blockHash,
      commit: certify({ height, blockHash }, signing),
    });
  }
  return chain;
}

/** A copy of `header` with `changes`, re-hashed: a mutated header. */
export const mutate = (
  header: pvchain.v1.BlockHeader.$Properties,
  changes: Partial<pvchain.v1.BlockHeader.$Properties>,
): pvchain.v1.BlockHeader.$Properties => ({ ...header, ...changes });
