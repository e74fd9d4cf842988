// The chain on one node: the world state, account.db and ledger.db kept in step. It opens at the
// genesis or recovers by replaying ledger.db (docs/adr/0008), and commits one block at a time.
import { hash } from '../../assembly/bindings/crypto.ts';
import { encodeCanonical, longToBigint, pvchain } from '../../proto/index.ts';
import type { ChainRules } from '../ledger/chain-rules.ts';
import type { AdmittedTransaction, ExecutionContext } from '../ledger/execute-transaction.ts';
import { createWorldState, type WorldState } from '../ledger/world-state.ts';
import type { HeaderFields, ValidatorEntry } from './block-header.ts';
import { validatorSetHash } from './block-header.ts';
import { readStoredBlock, type SealedBlock, sealBlock } from './committed-block.ts';
import { type ExecutedBlock, executeBlock } from './execute-block.ts';
import type { LedgerStore } from './ledger-store.ts';
import type { StateStore } from './state-store.ts';

export class ChainError extends Error {
  readonly code: 'CHAIN_STATE_MISMATCH' | 'CHAIN_MISSING_BLOCK';
  constructor(code: ChainError['code'], message: string) {
    super(`${code}: ${message}`);
    this.name = 'ChainError';
    this.code = code;
  }
}

export type ChainComponents = {
  ledger: LedgerStore;
  stateStore: StateStore;
  addressOf: (publicKey: Uint8Array) => Uint8Array;
};

export type ChainOptions = {
  rules: ChainRules;
  genesisTimeMs: bigint;
  /** A fresh genesis state (its accounts, and the contracts deployed in the genesis). */
  genesisState: () => WorldState;
  validators: ValidatorEntry[];
};

/** Where a block's time went: execution, the state trie (stage and persist), sealing and ledger.db. */
export type BlockTimings = { executeMs: number; stateMs: number; sealAndStoreMs: number };

export type CommittedBlockInfo<T extends AdmittedTransaction> = SealedBlock & {
  executed: ExecutedBlock<T>;
  timings: BlockTimings;
};

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

export async function openChain(opts: ChainOptions, components: ChainComponents) {
  const { ledger, stateStore, addressOf } = components;
  const { rules } = opts;
  const validatorsHash = validatorSetHash(rules.hash, opts.validators);
  let last: {
    hash: Uint8Array;
    commit: pvchain.v1.CommitCertificate.$Properties | null;
    timeMs: bigint;
  } | null = null;
  let state: WorldState;

  const context = (height: bigint, timeMs: bigint): ExecutionContext => ({
    state,
    height,
    timeMs,
    rules,
    addressOf,
  });

  function header(
    height: bigint,
    timeMs: bigint,
    executed: ExecutedBlock<AdmittedTransaction>,
    stateRoot: Uint8Array,
    proposer: Uint8Array,
  ): HeaderFields {
    const lastCommit = last?.commit;
    return {
      chainId: rules.chainId,
      height,
      timeMs,
      previousHash: last?.hash ?? new Uint8Array(0),
      transactionsRoot: executed.transactionsRoot,
      receiptsRoot: executed.receiptsRoot,
      stateRoot,
      validatorsHash,
      nextValidatorsHash: validatorsHash,
      proposer,
      lastCommitHash: lastCommit
        ? hash(rules.hash, encodeCanonical(pvchain.v1.CommitCertificate, lastCommit))
        : new Uint8Array(0),
    };
  }

  /** Re-executes stored block `height` on the state and checks every root against its header. */
  async function replay(height: bigint): Promise<void> {
    const bytes = await ledger.blockAt(height);
    if (!bytes) throw new ChainError('CHAIN_MISSING_BLOCK', `ledger.db has no block ${height}`);
    const stored = readStoredBlock(bytes, { chainId: rules.chainId, hash: rules.hash, addressOf });
    const executed = executeBlock(
      context(height, longToBigint(stored.header.timeMs)),
      stored.transactions,
    );
    const stateRoot = await stateStore.stage(state.takeChanges());
    const h = stored.header;
    for (const [name, ours, theirs] of [
      ['state', stateRoot, h.stateRoot],
      ['transactions', executed.transactionsRoot, h.transactionsRoot],
      ['receipts', executed.receiptsRoot, h.receiptsRoot],
    ] as const) {
      if (!same(ours, theirs))
        throw new ChainError(
          'CHAIN_STATE_MISMATCH',
          `replaying block ${height}: the ${name} root differs from the header's`,
        );
    }
    if (executed.excluded.length > 0)
      throw new ChainError(
        'CHAIN_STATE_MISMATCH',
        `replaying block ${height}: a transaction would be excluded`,
      );
    await stateStore.persist(height);
  }

  async function rememberLast(height: bigint): Promise<void> {
    const bytes = await ledger.blockAt(height);
    if (!bytes) throw new ChainError('CHAIN_MISSING_BLOCK', `ledger.db has no block ${height}`);
    const stored = readStoredBlock(bytes, { chainId: rules.chainId, hash: rules.hash, addressOf });
    last = {
      hash: hash(rules.hash, encodeCanonical(pvchain.v1.BlockHeader, stored.header)),
      commit: stored.commit,
      timeMs: longToBigint(stored.header.timeMs),
    };
  }

  /** The genesis state, staged as the state of height 0. */
  async function stageGenesis(): Promise<Uint8Array> {
    state = opts.genesisState();
    return stateStore.stage(state.takeChanges());
  }

  // Open: the genesis block on an empty ledger, else catch account.db up with ledger.db.
  const stateHead = await stateStore.head();
  if (ledger.head() < 0n) {
    const stateRoot = await stageGenesis();
    const executed = executeBlock(context(0n, opts.genesisTimeMs), []);
    const genesisHeader = header(0n, opts.genesisTimeMs, executed, stateRoot, new Uint8Array(0));
    const genesis = await sealBlock(rules.hash, genesisHeader, [], null, () => null);
    await ledger.append({
      height: 0n,
      blockHash: genesis.hash,
      committedBlock: genesis.bytes,
      transactions: [],
      receipts: [],
    });
    await stateStore.persist(0n);
    last = { hash: genesis.hash, commit: null, timeMs: opts.genesisTimeMs };
  } else {
    if (stateHead) state = createWorldState(await stateStore.load());
    else await stageGenesis();
    for (let height = stateHead ? stateHead.height + 1n : 0n; height <= ledger.head(); height++)
      await replay(height);
    await rememberLast(ledger.head());
  }

  return {
    state: (): WorldState => state,
    height: (): bigint => ledger.head(),
    lastTimeMs: (): bigint => last?.timeMs ?? 0n,

    /**
     * Executes `transactions` as block head + 1, stores it in ledger.db (the commit point), then
     * persists the state. `certify` makes the block's commit certificate from its hash.
     */
    async commitBlock<T extends AdmittedTransaction>(
      transactions: readonly T[],
      timeMs: bigint,
      proposer: Uint8Array,
      certify: (
        height: bigint,
        blockHash: Uint8Array,
      ) => Promise<pvchain.v1.CommitCertificate.$Properties>,
    ): Promise<CommittedBlockInfo<T>> {
      const height = ledger.head() + 1n;
      const started = performance.now();
      const executed = executeBlock(context(height, timeMs), transactions);
      const executedAt = performance.now();
      const stateRoot = await stateStore.stage(state.takeChanges());
      const stagedAt = performance.now();
      const fields = header(
        height,
        timeMs,
        executed as ExecutedBlock<AdmittedTransaction>,
        stateRoot,
        proposer,
      );
      const sealed = await sealBlock(
        rules.hash,
        fields,
        executed.included,
        last?.commit ?? null,
        (h) => certify(height, h),
      );
      await ledger.append({
        height,
        blockHash: sealed.hash,
        committedBlock: sealed.bytes,
        transactions: executed.included.map((tx) => ({
          hash: tx.decoded.hash,
          addresses: touchedAddresses(tx),
        })),
        receipts: executed.receipts,
      });
      const storedAt = performance.now();
      await stateStore.persist(height);
      last = { hash: sealed.hash, commit: sealed.commit, timeMs };
      const timings: BlockTimings = {
        executeMs: executedAt - started,
        stateMs: stagedAt - executedAt + (performance.now() - storedAt),
        sealAndStoreMs: storedAt - stagedAt,
      };
      return { ...sealed, executed, timings };
    },
  };
}

/** The source and every account an operation names: what the address index lists. */
function touchedAddresses(tx: AdmittedTransaction): Uint8Array[] {
  const addresses = [tx.decoded.transaction.source];
  for (const op of tx.decoded.transaction.operations) {
    if (op.payment?.destination) addresses.push(op.payment.destination);
    if (op.registerMeter?.household) addresses.push(op.registerMeter.household);
    if (op.callContract?.contract) addresses.push(op.callContract.contract);
  }
  return addresses;
}

export type Chain = Awaited<ReturnType<typeof openChain>>;
