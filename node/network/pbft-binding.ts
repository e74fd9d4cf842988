// What the PBFT engine (node/consensus/) is given on a real node: the clock, the p2p layer's
// consensus streams, the Wasm batch verifier, and the chain: the primary proposes from the pool,
// a backup executes the primary's block, a committed block is stored with its certificate and
// the pool forgets its transactions. Chain calls run one at a time, in the engine's order.
import { appendFile } from 'node:fs/promises';
import { hash, type SignedMessage } from '../../assembly/bindings/crypto.ts';
import {
  assertValidCommitCertificate,
  createValidatorSet,
} from '../../light-client/verify/index.ts';
import { decodeCanonical, encodeCanonical, MAX_BLOCK_BYTES, pvchain } from '../../proto/index.ts';
import { type Chain, ChainError, type CommittedBlockInfo } from '../chain/chain.ts';
import type { PbftEnv, PbftValidator, SignLog } from '../consensus/index.ts';
import { U64_MAX } from '../ledger/chain-rules.ts';
import type { AdmittedTransaction } from '../ledger/execute-transaction.ts';
import type { Mempool, PooledTransaction } from '../mempool/mempool.ts';
import type { P2PNode } from '../p2p/index.ts';
import { peerIdFromValidatorKey } from '../p2p/index.ts';

export type PbftBindingOptions = {
  chainId: string;
  hash: 'sha256' | 'sm3';
  validators: readonly PbftValidator[];
  self: Uint8Array;
  maxBlockTransactions: number;
  maxBlockBytes: number;
  /** An empty block is proposed when nothing arrived for this long (a heartbeat). */
  blockIntervalMs: number;
  /** Where equivocation evidence is appended, one JSON object per line. */
  evidenceFile: string;
};

/** Runs chain work after everything queued before it (consensus and block sync share one). */
export type SerialQueue = <T>(work: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let queue: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
}

export type PbftBindingComponents = {
  chain: Chain;
  mempool: Mempool;
  p2p: P2PNode;
  signLog: SignLog;
  addressOf: (publicKey: Uint8Array) => Uint8Array;
  verifyBatch(items: SignedMessage[]): boolean[] | Promise<boolean[]>;
  onCommitted(block: CommittedBlockInfo<PooledTransaction>): void;
  onFatal(error: unknown): void;
  serial: SerialQueue;
  /** The hash of the block ledger.db holds at `height`, if any. */
  storedBlockHash(height: bigint): Promise<Uint8Array | undefined>;
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
/** One string per validator set: its members' addresses and powers. */
export const keyOfSet = (validators: readonly PbftValidator[]): string =>
  validators.map((v) => `${hex(v.address)}:${v.votingPower}`).join(',');
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

export function createPbftEnv(options: PbftBindingOptions, c: PbftBindingComponents): PbftEnv {
  const { chain, mempool, p2p } = c;
  const keyOf = new Map(options.validators.map((v) => [hex(v.address), v.publicKey]));
  const { serial } = c;
  const epochKey = keyOfSet(options.validators);
  const receiveOptions = {
    chainId: options.chainId,
    hash: options.hash,
    maxBlockBytes: MAX_BLOCK_BYTES,
    addressOf: c.addressOf,
    verifyBatch: c.verifyBatch,
    known: (hash: Uint8Array) => mempool.lookup(hash),
  };
  const checkLastCommit = (commit: pvchain.v1.CommitCertificate | null): void => {
    const last = chain.last();
    if (!last || chain.height() === 0n) {
      if (commit) throw new ChainError('CHAIN_INVALID_BLOCK', 'a last commit after the genesis');
      return;
    }
    if (!commit) throw new ChainError('CHAIN_INVALID_BLOCK', 'no last commit');
    try {
      // Signed by the set of the previous height: another set at the first height of a new one.
      const signers = createValidatorSet(options.hash, chain.validators(chain.height()).validators);
      assertValidCommitCertificate(commit, signers, {
        chainId: options.chainId,
        height: chain.height(),
        blockHash: last.hash,
      });
    } catch (error) {
      throw new ChainError('CHAIN_INVALID_BLOCK', `last commit: ${(error as Error).message}`);
    }
  };

  return {
    now: () => Date.now(),
    setTimer: (ms, fn) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    broadcast: (message) => p2p.broadcastConsensus(message),
    sendTo(validator, message) {
      const key = keyOf.get(hex(validator));
      if (key) p2p.sendConsensus(key, message);
    },
    verifyBatch: c.verifyBatch,
    signLog: c.signLog,
    lastCommitted() {
      const last = chain.last();
      return {
        height: chain.height(),
        blockHash: last?.hash ?? new Uint8Array(0),
        stateRoot: last?.stateRoot ?? new Uint8Array(0),
      };
    },
    propose: (height) =>
      serial(async () => {
        if (height !== chain.height() + 1n) return null;
        const lastMs = Number(chain.lastTimeMs());
        if (mempool.size() === 0 && Date.now() - lastMs < options.blockIntervalMs) return null;
        const transactions = mempool.propose({
          height,
          maxCount: options.maxBlockTransactions,
          maxBytes: options.maxBlockBytes,
        });
        const timeMs = BigInt(Math.max(Date.now(), lastMs + 1));
        await chain.abandonPending(); // a block of an earlier view, if any
        const pending = await chain.propose(transactions, timeMs, options.self);
        mempool.removeHashes(pending.executed.excluded.map((e) => e.tx.decoded.hash));
        return {
          block: decodeCanonical(pvchain.v1.Block, pending.blockBytes),
          blockHash: pending.hash,
        };
      }),
    validate: (height, _view, block) =>
      serial(async () => {
        if (height <= chain.height()) {
          // Block sync stored this height meanwhile: the block is valid if it is the stored one.
          const blockHash = hash(
            options.hash,
            encodeCanonical(pvchain.v1.BlockHeader, block.header ?? {}),
          );
          const stored = await c.storedBlockHash(height);
          return stored && same(stored, blockHash)
            ? { ok: true, blockHash }
            : { ok: false, reason: 'another block is stored at this height' };
        }
        if (height !== chain.height() + 1n) return { ok: false, reason: 'not the next height' };
        // A block prepared in an earlier view is re-issued by the new primary: its proposer is
        // the earlier primary, so it must be a validator, not necessarily this view's primary.
        const proposer = block.header?.proposer;
        if (!proposer || !keyOf.has(hex(proposer)))
          return { ok: false, reason: 'the block is not proposed by a validator' };
        try {
          const bytes = encodeCanonical(pvchain.v1.Block, block);
          await chain.abandonPending(); // a block of an earlier view, if any
          const pending = await chain.executeReceived(bytes, {
            ...receiveOptions,
            checkLastCommit,
          });
          return { ok: true, blockHash: pending.hash };
        } catch (error) {
          if (error instanceof ChainError) return { ok: false, reason: error.message };
          throw error;
        }
      }),
    abandon(_height, blockHash) {
      void serial(async () => {
        const pending = chain.pending();
        if (pending && same(pending.hash, blockHash)) await chain.abandonPending();
      });
    },
    commit: (height, blockHash, certificate) =>
      serial(async () => {
        if (height <= chain.height()) {
          // Block sync stored this height first (it shares this queue and drops the pending
          // block): the engine's commit is done if sync stored the same block; else a fork.
          const stored = await c.storedBlockHash(height);
          if (stored && same(stored, blockHash)) return;
          throw new ChainError(
            'CHAIN_INVALID_BLOCK',
            `block ${height} differs from the one stored`,
          );
        }
        const block = await chain.commitPending<AdmittedTransaction>(blockHash, certificate);
        mempool.removeHashes(block.executed.included.map((tx) => tx.decoded.hash));
        c.onCommitted(block as unknown as CommittedBlockInfo<PooledTransaction>);
      }),
    lastHeight() {
      const latest = chain.validators(U64_MAX);
      return keyOfSet(latest.validators) === epochKey ? null : latest.since - 1n;
    },
    onEvidence(evidence) {
      const record = {
        ...evidence,
        validator: hex(evidence.validator),
        height: String(evidence.height),
        view: String(evidence.view),
        first: hex(evidence.first),
        second: hex(evidence.second),
        foundAtMs: Date.now(),
      };
      appendFile(options.evidenceFile, `${JSON.stringify(record)}\n`).catch(c.onFatal);
    },
    penalise(validator, reason) {
      const key = keyOf.get(hex(validator));
      if (key) p2p.penalise(peerIdFromValidatorKey(key), reason);
    },
    onFatal: c.onFatal,
  };
}
