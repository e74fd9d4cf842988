// A validator's chain in a simulation: tiny deterministic blocks (no transactions; the state root
// of height h is the hash of the previous root and h), executed "speculatively" by propose and
// validate, committed with a certificate that is checked here with the real batch verifier.
import { sha256, verifyBatch } from '../../../../assembly/bindings/crypto.ts';
import { u64be } from '../../../../node/chain/buckets.ts';
import { checkCommitCertificate } from '../../../../node/consensus/certificates.ts';
import type { ValidatorSet } from '../../../../node/consensus/validator-set.ts';
import { bigintToLong, encodeCanonical, longToBigint, pvchain } from '../../../../proto/index.ts';

const v1 = pvchain.v1;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;
const ZERO = new Uint8Array(32);

export type StoredBlock = {
  height: bigint;
  hash: Uint8Array;
  block: pvchain.v1.Block.$Properties;
  certificate: pvchain.v1.CommitCertificate.$Properties | null;
  stateRoot: Uint8Array;
  timeMs: bigint;
};

export type SimChain = ReturnType<typeof createSimChain>;

export function createSimChain(opts: {
  chainId: string;
  set: ValidatorSet;
  self: Uint8Array;
  now(): number;
}) {
  const blocks: StoredBlock[] = [
    {
      height: 0n,
      hash: sha256(new TextEncoder().encode(`${opts.chainId} genesis`)),
      block: {},
      certificate: null,
      stateRoot: sha256(new TextEncoder().encode('state 0')),
      timeMs: 0n,
    },
  ];
  const pending = new Map<string, StoredBlock>();
  /** Broken promises of the engine's contract (more than one execution held, commits of unknown blocks). */
  const violations: string[] = [];
  const last = (): StoredBlock => blocks.at(-1) as StoredBlock;
  const headerHash = (block: pvchain.v1.Block.$Properties): Uint8Array =>
    sha256(encodeCanonical(v1.BlockHeader, block.header ?? {}));
  const rootAfter = (previous: Uint8Array, height: bigint): Uint8Array => {
    const input = new Uint8Array(40);
    input.set(previous);
    input.set(u64be(height), 32);
    return sha256(input);
  };

  function hold(entry: StoredBlock): void {
    if (pending.size > 0 && !pending.has(hex(entry.hash)))
      violations.push(`a second execution at height ${entry.height}`);
    pending.set(hex(entry.hash), entry);
  }

  return {
    blocks,
    violations,
    height: (): bigint => last().height,
    lastCommitted: () => {
      const top = last();
      return { height: top.height, blockHash: top.hash, stateRoot: top.stateRoot };
    },
    async propose(height: bigint, _view: bigint) {
      const top = last();
      if (height !== top.height + 1n) return null;
      const timeMs = BigInt(Math.max(opts.now(), Number(top.timeMs) + 1));
      const stateRoot = rootAfter(top.stateRoot, height);
      const block: pvchain.v1.Block.$Properties = {
        header: {
          version: 1,
          chainId: opts.chainId,
          height: bigintToLong(height),
          timeMs: bigintToLong(timeMs),
          previousHash: top.hash,
          transactionsRoot: ZERO,
          receiptsRoot: ZERO,
          stateRoot,
          proposer: opts.self,
          lastCommitHash: top.certificate
            ? sha256(encodeCanonical(v1.CommitCertificate, top.certificate))
            : new Uint8Array(0),
        },
        transactions: [],
        ...(top.certificate ? { lastCommit: top.certificate } : {}),
      };
      const hash = headerHash(block);
      hold({ height, hash, block, certificate: null, stateRoot, timeMs });
      return { block, blockHash: hash };
    },
    async validate(height: bigint, _view: bigint, block: pvchain.v1.Block.$Properties) {
      const top = last();
      const header = block.header;
      if (!header || height !== top.height + 1n) return { ok: false as const, reason: 'height' };
      if (!same(header.previousHash ?? ZERO, top.hash))
        return { ok: false as const, reason: 'previous hash' };
      const stateRoot = rootAfter(top.stateRoot, height);
      if (!same(header.stateRoot ?? ZERO, stateRoot))
        return { ok: false as const, reason: 'state root' };
      const timeMs = longToBigint(header.timeMs as never);
      if (timeMs <= top.timeMs) return { ok: false as const, reason: 'time' };
      if (!header.proposer || !opts.set.get(header.proposer))
        return { ok: false as const, reason: 'proposer' };
      if (top.certificate && !same(block.lastCommit?.blockHash ?? ZERO, top.hash))
        return { ok: false as const, reason: 'last commit' };
      const hash = headerHash(block);
      hold({ height, hash, block, certificate: null, stateRoot, timeMs });
      return { ok: true as const, blockHash: hash };
    },
    abandon(_height: bigint, blockHash: Uint8Array): void {
      pending.delete(hex(blockHash));
    },
    async commit(
      height: bigint,
      blockHash: Uint8Array,
      certificate: pvchain.v1.CommitCertificate.$Properties,
    ): Promise<void> {
      const entry = pending.get(hex(blockHash));
      if (!entry || height !== last().height + 1n) {
        violations.push(`commit of a block not held at height ${height}`);
        throw new Error(`commit of a block not held at height ${height}`);
      }
      const checked = checkCommitCertificate({ chainId: opts.chainId, set: opts.set }, certificate);
      if (
        !checked.ok ||
        !verifyBatch(checked.items).every(Boolean) ||
        !same(checked.blockHash, blockHash)
      )
        throw new Error(`a bad commit certificate for height ${height}`);
      pending.clear();
      blocks.push({ ...entry, certificate });
    },
    /** Block sync: blocks (with their certificates) from another node's store. */
    appendSynced(from: readonly StoredBlock[]): bigint {
      pending.clear();
      for (const entry of from) if (entry.height === last().height + 1n) blocks.push(entry);
      return last().height;
    },
    dropPending(): void {
      pending.clear();
    },
  };
}
