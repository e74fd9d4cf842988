// Real chains for block-sync tests: four validators with real keys, on temp LevelDB dirs, blocks
// with a community's transactions certified by all four, and an in-memory request-response
// transport between peers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addressBytesFromPublicKey, sign } from '../../../../assembly/bindings/crypto.ts';
import { decodeSignedTransaction } from '../../../../light-client/transactions/index.ts';
import { createValidatorSet, type ValidatorSet } from '../../../../light-client/verify/index.ts';
import { commitVotePayload } from '../../../../node/chain/block-header.ts';
import { type Chain, openChain } from '../../../../node/chain/chain.ts';
import { type LedgerStore, openLedgerStore } from '../../../../node/chain/ledger-store.ts';
import { createStateStore, type StateStore } from '../../../../node/chain/state-store.ts';
import { chainRulesOf, parseGenesis } from '../../../../node/ledger/genesis.ts';
import { genesisState } from '../../../../node/ledger/genesis-state.ts';
import { openLevelKV } from '../../../../node/store/level-kv.ts';
import type { SyncHandler } from '../../../../node/sync/index.ts';
import { bigintToLong, type pvchain } from '../../../../proto/index.ts';
import {
  address,
  CHAIN_ID,
  GENESIS,
  GRID,
  hex,
  household,
  op,
  publicKey,
  secretKey,
  signedTransaction,
} from '../../../support/community.ts';

/** The validators are keys 10-13. */
export const VALIDATORS = [10, 11, 12, 13];
const GENESIS_TIME_MS = 1_732_400_000_000;

export const genesis = parseGenesis(
  JSON.stringify({
    chainId: CHAIN_ID,
    hash: 'sha256',
    timeMs: GENESIS_TIME_MS,
    genesisAccount: { publicKey: hex(publicKey(GENESIS)) },
    validators: VALIDATORS.map((n) => ({ publicKey: hex(publicKey(n)) })),
  }),
);
export const rules = chainRulesOf(genesis);
const entries = VALIDATORS.map((n) => ({
  address: addressBytesFromPublicKey(publicKey(n)),
  publicKey: publicKey(n),
  votingPower: 1n,
}));
export const validatorSet: ValidatorSet = createValidatorSet(rules.hash, entries);

export type TestChain = {
  chain: Chain;
  ledger: LedgerStore;
  stateStore: StateStore;
  close(): Promise<void>;
};

const dirs: string[] = [];
export const removeDirs = () =>
  Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));

export async function openTestChain(): Promise<TestChain> {
  const dir = await mkdtemp(join(tmpdir(), 'pvchain-sync-'));
  dirs.push(dir);
  const ledger = await openLedgerStore(join(dir, 'ledger.db'), rules.chainId);
  const accountDb = await openLevelKV(join(dir, 'account.db'));
  const stateStore = createStateStore({ hash: rules.hash, db: accountDb });
  const chain = await openChain(
    {
      rules,
      genesisTimeMs: BigInt(GENESIS_TIME_MS),
      genesisState: () => genesisState(genesis, rules, {}),
      validators: entries,
    },
    { ledger, stateStore, addressOf: addressBytesFromPublicKey },
  );
  return {
    chain,
    ledger,
    stateStore,
    async close() {
      await stateStore.close();
      await accountDb.close();
      await ledger.close();
    },
  };
}

/** The certificate validators `signers` (key numbers) make for a block, sorted by address. */
export function certify(
  height: bigint,
  blockHash: Uint8Array,
  signers: readonly number[] = VALIDATORS,
  view = 0n,
): pvchain.v1.CommitCertificate.$Properties {
  const signatures = signers
    .map((n) => ({ n, address: addressBytesFromPublicKey(publicKey(n)) }))
    .sort((a, b) => Buffer.compare(a.address, b.address))
    .map(({ n, address }) => ({
      validator: address,
      signature: sign(
        commitVotePayload(CHAIN_ID, { height, view, blockHash, validator: address }),
        secretKey(n),
      ),
    }));
  return { height: bigintToLong(height), view: bigintToLong(view), blockHash, signatures };
}

const admitted = (envelope: Uint8Array) => {
  const decoded = decodeSignedTransaction(envelope, { chainId: CHAIN_ID, hash: rules.hash });
  return {
    decoded,
    signerAddresses: decoded.signatures.map((s) => addressBytesFromPublicKey(s.publicKey)),
  };
};

const HOUSEHOLDS = [1, 2, 3, 4, 5].map(household);

const nextNonce = (chain: Chain, n: number): bigint =>
  (chain.state().get(address(n))?.nonce ?? 0n) + 1n;

/** The transactions of block `height` of the test community (a grid, five households, payments). */
function transactionsOf(chain: Chain, height: number): Uint8Array[] {
  if (height === 1) return [signedTransaction(GENESIS, 1n, [op.createGrid(GRID)])];
  if (height === 2)
    return [
      signedTransaction(GRID, 1n, [
        op.issue('kWh', 10n ** 12n),
        ...HOUSEHOLDS.map(op.createHousehold),
      ]),
    ];
  if (height % 7 === 0) return [];
  const payee = HOUSEHOLDS[height % 5] as number;
  const payer = HOUSEHOLDS[(height + 1) % 5] as number;
  return [
    signedTransaction(GRID, nextNonce(chain, GRID), [
      op.pay(payee, 'kWh', 1_000n * BigInt(height)),
    ]),
    signedTransaction(payer, nextNonce(chain, payer), [op.pay(payee, 'kWh', 1n)]),
  ];
}

/** Commits blocks until the chain's head is `height`, each certified by all four validators. */
export async function growTo(chain: Chain, height: number): Promise<void> {
  while (chain.height() < BigInt(height)) {
    const next = Number(chain.height()) + 1;
    const block = await chain.commitBlock(
      transactionsOf(chain, next).map(admitted),
      BigInt(GENESIS_TIME_MS + 1000 * next),
      entries[next % entries.length]?.address as Uint8Array,
      async (h, blockHash) => certify(h, blockHash),
    );
    if (block.executed.excluded.length > 0)
      throw new Error(`block ${next}: ${block.executed.excluded.map((e) => e.outcome.message)}`);
  }
}

/** An in-memory transport: peers register handlers by name and request each other's. */
export function createMemoryNetwork() {
  const handlers = new Map<string, Map<string, SyncHandler>>();
  const requests: { from: string; to: string; name: string; bytes: Uint8Array }[] = [];
  return {
    requests,
    endpoint(self: string) {
      return {
        handle(name: string, handler: SyncHandler): void {
          const own = handlers.get(self) ?? new Map<string, SyncHandler>();
          own.set(name, handler);
          handlers.set(self, own);
        },
        async request(
          to: string,
          name: string,
          bytes: Uint8Array,
          options: { timeoutMs?: number },
        ) {
          requests.push({ from: self, to, name, bytes });
          const handler = handlers.get(to)?.get(name);
          if (!handler) throw new Error(`${to} does not serve ${name}`);
          const answer = handler(bytes.slice(), self);
          if (options.timeoutMs === undefined) return answer;
          let timer: ReturnType<typeof setTimeout> | undefined;
          const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('timed out')), options.timeoutMs);
          });
          return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
        },
      };
    },
  };
}
