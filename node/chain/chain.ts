// The chain on one node: the world state, account.db and ledger.db kept in step. It opens at the
// genesis or recovers by replaying ledger.db (docs/adr/0008), and commits one block at a time.
import { hash } from '../../assembly/bindings/crypto.ts';
import { encodeCanonical, longToBigint, pvchain } from '../../proto/index.ts';
import type { ChainRules } from '../ledger/chain-rules.ts';
import type { AdmittedTransaction, ExecutionContext } from '../ledger/execute-transaction.ts';
import {
  validatorsAt as scheduledValidatorsAt,
  type ValidatorEpoch,
} from '../ledger/validator-schedule.ts';
import { createWorldState, type WorldState } from '../ledger/world-state.ts';
import { applySyncedBlock, type SyncedBlockOptions } from './apply-synced-block.ts';
import type { HeaderFields, ValidatorEntry } from './block-header.ts';
import { encodeValidatorSet, validatorSetHash } from './block-header.ts';
import { ChainError } from './chain-error.ts';
import {
  type AssembledBlock,
  assembleBlock,
  readStoredBlock,
  type SealedBlock,
  sealBlock,
  withCommit,
} from './committed-block.ts';
import { type ExecutedBlock, executeBlock } from './execute-block.ts';
import { blockMismatch, headerProblem } from './header-checks.ts';
import type { LedgerStore } from './ledger-store.ts';
import { type ReceiveOptions, receiveBlock } from './received-block.ts';
import type { StateStore } from './state-store.ts';

export { ChainError } from './chain-error.ts';

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
  /** The genesis file's validators (later sets are in the state: validator-schedule.ts). */
  validators: readonly ValidatorEntry[];
};

/** Where a block's time went: execution, the state trie (stage and persist), sealing and ledger.db. */
export type BlockTimings = { executeMs: number; stateMs: number; sealAndStoreMs: number };

/** A block executed for head + 1, held until it is committed or abandoned. */
export type Pending<T extends AdmittedTransaction> = AssembledBlock & {
  header: HeaderFields;
  executed: ExecutedBlock<T>;
  timeMs: bigint;
  timings: BlockTimings;
};

export type CommittedBlockInfo<T extends AdmittedTransaction> = SealedBlock & {
  executed: ExecutedBlock<T>;
  timings: BlockTimings;
};

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

export async function openChain(opts: ChainOptions, components: ChainComponents) {
  const { ledger, stateStore, addressOf } = components;
  const { rules } = opts;
  const setHashes = new WeakMap<readonly ValidatorEntry[], Uint8Array>();
  /** The set that signs `height` (and the first height it signs), as the state has it. */
  const validatorsAt = (height: bigint): ValidatorEpoch => {
    const genesisAccount = rules.validators?.genesisAccount;
    const schedule = genesisAccount && state.get(genesisAccount)?.validatorSchedule;
    return scheduledValidatorsAt(schedule, opts.validators, height);
  };
  /** The set that signs `height`, as ledger.db stores it. */
  const storedSet = (height: bigint) => ({
    hash: validatorsHashAt(height),
    encoded: encodeValidatorSet(validatorsAt(height).validators),
  });
  const validatorsHashAt = (height: bigint): Uint8Array => {
    const { validators } = validatorsAt(height);
    let known = setHashes.get(validators);
    if (!known) {
      known = validatorSetHash(rules.hash, validators);
      setHashes.set(validators, known);
    }
    return known;
  };
  let last: {
    hash: Uint8Array;
    commit: pvchain.v1.CommitCertificate.$Properties | null;
    timeMs: bigint;
    stateRoot: Uint8Array;
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
    lastCommit: pvchain.v1.CommitCertificate.$Properties | null = last?.commit ?? null,
  ): HeaderFields {
    return {
      chainId: rules.chainId,
      height,
      timeMs,
      previousHash: last?.hash ?? new Uint8Array(0),
      transactionsRoot: executed.transactionsRoot,
      receiptsRoot: executed.receiptsRoot,
      stateRoot,
      // A change executed in this block signs two blocks later at the earliest (SET_VALIDATORS).
      validatorsHash: validatorsHashAt(height),
      nextValidatorsHash: validatorsHashAt(height + 1n),
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
      stateRoot: stored.header.stateRoot,
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
      validatorSets: [storedSet(0n)],
    });
    await stateStore.persist(0n);
    last = { hash: genesis.hash, commit: null, timeMs: opts.genesisTimeMs, stateRoot };
  } else {
    if (stateHead) state = createWorldState(await stateStore.load());
    else await stageGenesis();
    for (let height = stateHead ? stateHead.height + 1n : 0n; height <= ledger.head(); height++)
      await replay(height);
    await rememberLast(ledger.head());
  }

  /** The proposal executed for head + 1 and not yet committed or abandoned, if any. */
  let pending: Pending<AdmittedTransaction> | null = null;

  /** Executes `transactions` as block head + 1 on the state and assembles the block. */
  async function execute<T extends AdmittedTransaction>(
    transactions: readonly T[],
    timeMs: bigint,
    proposer: Uint8Array,
    lastCommit: pvchain.v1.CommitCertificate.$Properties | null = last?.commit ?? null,
  ): Promise<Pending<T>> {
    if (pending) throw new ChainError('CHAIN_NO_PENDING', 'a proposal is pending already');
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
      lastCommit,
    );
    const block = assembleBlock(rules.hash, fields, executed.included, lastCommit);
    const proposal: Pending<T> = {
      ...block,
      header: fields,
      executed,
      timeMs,
      timings: {
        executeMs: executedAt - started,
        stateMs: stagedAt - executedAt,
        sealAndStoreMs: 0,
      },
    };
    pending = proposal as unknown as Pending<AdmittedTransaction>;
    return proposal;
  }

  /** Stores the pending proposal `hash` with its certificate (the commit point), then the state. */
  async function commitPending<T extends AdmittedTransaction>(
    hash: Uint8Array,
    commit: pvchain.v1.CommitCertificate.$Properties,
  ): Promise<CommittedBlockInfo<T>> {
    const proposal = pending as Pending<T> | null;
    if (!proposal || !same(proposal.hash, hash))
      throw new ChainError('CHAIN_NO_PENDING', 'no pending proposal with this hash');
    const started = performance.now();
    const sealed = withCommit(proposal, commit);
    await ledger.append({
      height: proposal.height,
      blockHash: sealed.hash,
      committedBlock: sealed.bytes,
      transactions: proposal.executed.included.map((tx) => ({
        hash: tx.decoded.hash,
        addresses: touchedAddresses(tx, addressOf, (id) => state.meterOwner(id)?.address),
      })),
      receipts: proposal.executed.receipts,
      // A header announcing another set next: ledger.db keeps it for light clients.
      validatorSets: same(proposal.header.validatorsHash, proposal.header.nextValidatorsHash)
        ? []
        : [storedSet(proposal.height + 1n)],
    });
    const storedAt = performance.now();
    await stateStore.persist(proposal.height);
    pending = null;
    last = {
      hash: sealed.hash,
      commit: sealed.commit,
      timeMs: proposal.timeMs,
      stateRoot: proposal.header.stateRoot,
    };
    const timings: BlockTimings = {
      executeMs: proposal.timings.executeMs,
      stateMs: proposal.timings.stateMs + (performance.now() - storedAt),
      sealAndStoreMs: storedAt - started,
    };
    return { ...sealed, executed: proposal.executed, timings };
  }

  /** Forgets the pending proposal: the state goes back to the last committed block. */
  async function abandonPending(): Promise<void> {
    if (!pending) return;
    pending = null;
    await stateStore.discard();
    state = createWorldState(await stateStore.load());
  }

  return {
    state: (): WorldState => state,
    height: (): bigint => ledger.head(),
    lastTimeMs: (): bigint => last?.timeMs ?? 0n,
    /** The hash and certificate of the newest committed block. */
    last: () => last,
    /**
     * The validator set that signs `height` (default: the next block) and the first height it
     * signs, as the committed state (and any pending proposal) has it.
     */
    validators: (height: bigint = ledger.head() + 1n): ValidatorEpoch => validatorsAt(height),

    /** Executes `transactions` as block head + 1 and holds the block as the pending proposal. */
    propose: execute,

    /**
     * Executes a block proposed by another validator (or fetched by block sync) for head + 1 and
     * holds it as the pending proposal when every root, link and hash in its header is what
     * executing it gives; otherwise the state is put back and CHAIN_INVALID_BLOCK thrown.
     * `checkLastCommit` verifies the previous block's certificate the block carries.
     */
    async executeReceived(
      blockBytes: Uint8Array,
      options: ReceiveOptions & {
        checkLastCommit: (commit: pvchain.v1.CommitCertificate | null) => void;
      },
    ): Promise<Pending<AdmittedTransaction>> {
      const received = await receiveBlock(blockBytes, options);
      const problem = headerProblem(received.header, {
        chainId: rules.chainId,
        height: ledger.head() + 1n,
        previousHash: last?.hash ?? new Uint8Array(0),
        previousTimeMs: last?.timeMs ?? 0n,
        validatorsHash: validatorsHashAt(ledger.head() + 1n),
      });
      if (problem) throw new ChainError('CHAIN_INVALID_BLOCK', problem);
      options.checkLastCommit(received.lastCommit);
      const h = received.header;
      const proposal = await execute(
        received.transactions,
        longToBigint(h.timeMs),
        h.proposer,
        received.lastCommit,
      );
      const mismatch = blockMismatch(proposal, h, blockBytes);
      if (mismatch) {
        await abandonPending();
        throw new ChainError('CHAIN_INVALID_BLOCK', `the block's ${mismatch} differs from ours`);
      }
      return proposal;
    },

    commitPending,

    abandonPending,

    pending: () => pending,

    /** Executes, checks and stores a block that block sync verified (apply-synced-block.ts). */
    commitSyncedBlock(
      committed: pvchain.v1.CommittedBlock.$Properties,
      options?: Partial<SyncedBlockOptions>,
    ): Promise<CommittedBlockInfo<AdmittedTransaction>> {
      const own = { chainId: rules.chainId, hash: rules.hash, addressOf };
      return applySyncedBlock(this, committed, { ...own, ...options });
    },

    /**
     * Solo: executes `transactions` as block head + 1, has `certify` make its certificate, and
     * commits it.
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
      const proposal = await execute(transactions, timeMs, proposer);
      const commit = await certify(proposal.height, proposal.hash);
      return commitPending<T>(proposal.hash, commit);
    },
  };
}

/**
 * The accounts a transaction names: its source, payees, created accounts, households (of meters
 * registered or read), contracts.
 */
function touchedAddresses(
  tx: AdmittedTransaction,
  addressOf: (publicKey: Uint8Array) => Uint8Array,
  householdOfMeter: (meterId: string) => Uint8Array | undefined,
): Uint8Array[] {
  const addresses = [tx.decoded.transaction.source];
  for (const op of tx.decoded.transaction.operations) {
    if (op.createAccount?.publicKey) addresses.push(addressOf(op.createAccount.publicKey));
    for (const signed of op.meterReading?.readings ?? []) {
      const household = householdOfMeter(signed.reading?.meterId ?? '');
      if (household) addresses.push(household);
    }
    if (op.payment?.destination) addresses.push(op.payment.destination);
    if (op.registerMeter?.household) addresses.push(op.registerMeter.household);
    if (op.callContract?.contract) addresses.push(op.callContract.contract);
  }
  return addresses;
}

export type Chain = Awaited<ReturnType<typeof openChain>>;
