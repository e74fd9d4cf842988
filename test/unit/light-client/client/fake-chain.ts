// A chain a light client can follow without processes: signed headers (real Ed25519 keys and
// certificates), a state trie with a few accounts (one a contract with storage) whose root every
// header carries, and full nodes in memory answering the light protocols from it, honestly unless
// a test swaps an answer.
import { hash } from '../../../../assembly/bindings/crypto.ts';
import { createTrie } from '../../../../assembly/bindings/trie/index.ts';
import {
  headerHash,
  type LightProtocol,
  type LightTransport,
  type TrustRoot,
  type ValidatorSet,
} from '../../../../light-client/index.ts';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  longToBigint,
  pvchain,
} from '../../../../proto/index.ts';
import {
  ALG,
  CHAIN_ID,
  certify,
  GENESIS_HASH,
  GENESIS_TIME_MS,
  type Key,
  keys,
  validatorSet,
} from '../../../shared/verify-fixtures.ts';

import {
  CONTRACT,
  contractAccountBytes,
  createContractStorage,
  storageAnswer,
} from './fake-storage.ts';

const v1 = pvchain.v1;

export { ABSENT_OFFER_ID, CONTRACT, OFFER_ID, offerOf } from './fake-storage.ts';
export { ALG, CHAIN_ID, GENESIS_HASH };

export const A = keys([10, 11, 12, 13]);
export const B = keys([20, 21, 22, 23, 24]);
export const SET_A = validatorSet(A);
export const SET_B = validatorSet(B);
/** Account holders: a grid with balances, and a household. */
export const [GRID, HOUSEHOLD, NOBODY] = keys([30, 31, 32]) as [Key, Key, Key];
export const GRID_WH = 10_000_000_000n;

const entries = (set: ValidatorSet) =>
  set.validators.map((v) => ({ ...v, address: v.address, publicKey: v.publicKey }));

export const genesisRoot = (set = SET_A): TrustRoot => ({
  kind: 'genesis',
  genesisHash: GENESIS_HASH,
  genesisTimeMs: GENESIS_TIME_MS,
  validators: entries(set),
});

export const accountBytes = (owner: Key, fields: Partial<pvchain.v1.Account.$Properties> = {}) =>
  encodeCanonical(v1.Account, {
    address: owner.address,
    nonce: bigintToLong(3n),
    role: v1.AccountRole.ACCOUNT_ROLE_GRID,
    balances: [
      { asset: { issuer: GRID.address, code: 'kWh' }, amount: bigintToLong(GRID_WH) },
      { asset: { issuer: GRID.address, code: 'fen' }, amount: bigintToLong(1_000n) },
    ].sort((a, b) => (a.asset.code < b.asset.code ? -1 : 1)),
    realName: 'Lianhua Grid Co.',
    ...fields,
  });

/** A state trie holding GRID, HOUSEHOLD and CONTRACT (an energy contract, fake-storage.ts). */
export async function createState() {
  const trie = createTrie({ hash: ALG });
  await trie.put(hash(ALG, GRID.address), accountBytes(GRID));
  await trie.put(
    hash(ALG, HOUSEHOLD.address),
    accountBytes(HOUSEHOLD, { realName: 'Household 31', balances: [] }),
  );
  const storage = await createContractStorage(HOUSEHOLD.address);
  await trie.put(hash(ALG, CONTRACT.address), contractAccountBytes(storage.root));
  const root = await trie.root();
  const state = {
    root,
    storageRoot: storage.root,
    proof: (address: Uint8Array) => trie.createProof(hash(ALG, address)),
    get: (address: Uint8Array) => trie.get(hash(ALG, address)),
    /** The honest storage-proof answer for `key` of `address` at `height`. */
    storageAnswer: (address: Uint8Array, key: Uint8Array, height: bigint) =>
      storageAnswer(state, storage, address, key, height),
  };
  return state;
}
export type State = Awaited<ReturnType<typeof createState>>;

export type SignedHeader = { header: pvchain.v1.BlockHeader.$Properties; hash: Uint8Array };
export type Chain = {
  headers: {
    header: pvchain.v1.BlockHeader.$Properties;
    commit: pvchain.v1.CommitCertificate.$Properties;
    hash: Uint8Array;
  }[];
  /** The set that signs `height`. */
  setAt(height: bigint): ValidatorSet;
};

export type ChainPlan = {
  count: number;
  stateRoot: Uint8Array;
  /** The signing keys of each height (default A). */
  signers?: (height: bigint) => Key[];
  /** A different state root at one height (a second, conflicting chain). */
  forkAt?: bigint;
};

export function buildChain(plan: ChainPlan): Chain {
  const signersAt = plan.signers ?? (() => A);
  const setAt = (height: bigint) => validatorSet(signersAt(height));
  const headers: Chain['headers'] = [];
  for (let h = 1n; h <= BigInt(plan.count); h++) {
    const previous = headers[Number(h) - 2];
    const signing = signersAt(h);
    const header: pvchain.v1.BlockHeader.$Properties = {
      version: 1,
      chainId: CHAIN_ID,
      height: bigintToLong(h),
      timeMs: bigintToLong(GENESIS_TIME_MS + 1000n * h),
      previousHash: previous?.hash ?? GENESIS_HASH,
      transactionsRoot: new Uint8Array(32).fill(0x22),
      receiptsRoot: new Uint8Array(32).fill(0x11),
      stateRoot: plan.forkAt === h ? new Uint8Array(32).fill(0xee) : plan.stateRoot,
      validatorsHash: setAt(h).hash,
      nextValidatorsHash: setAt(h + 1n).hash,
      proposer: (signing[0] as Key).address,
      lastCommitHash: previous
        ? hash(ALG, encodeCanonical(v1.CommitCertificate, previous.commit))
        : new Uint8Array(0),
    };
    const blockHash = headerHash(ALG, header);
    headers.push({ header, hash: blockHash, commit: certify({ height: h, blockHash }, signing) });
  }
  return { headers, setAt };
}

type Body = pvchain.v1.SyncResponse.$Properties;
/** A test's answer instead of the honest one: a response body, raw bytes, or undefined (honest). */
export type Override = (
  protocol: LightProtocol,
  request: pvchain.v1.SyncRequest,
  honest: () => Promise<Body>,
) => Promise<Body | Uint8Array | undefined | 'hang'>;

const notFound = (message: string): Body => ({
  error: { code: v1.SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND, message },
});

/** The honest answers of a full node serving `chain` and `state`, claiming `claimed` (default its length). */
export function honestNode(chain: Chain, state: State, claimed?: () => number) {
  const head = () => BigInt(claimed ? claimed() : chain.headers.length);
  return async (protocol: LightProtocol, request: pvchain.v1.SyncRequest): Promise<Body> => {
    const served = BigInt(chain.headers.length);
    if (protocol === 'status')
      return {
        status: {
          chainId: CHAIN_ID,
          genesisHash: GENESIS_HASH,
          height: bigintToLong(head()),
          blockHash: chain.headers[Number(head()) - 1]?.hash ?? GENESIS_HASH,
          earliestHeight: bigintToLong(1n),
        },
      };
    if (protocol === 'headers') {
      const start = longToBigint(request.headers?.startHeight ?? 0);
      if (start > served) return notFound(`head ${served}`);
      const end = Math.min(Number(start) - 1 + (request.headers?.count ?? 0), Number(served));
      return {
        headers: {
          headers: chain.headers
            .slice(Number(start) - 1, end)
            .map(({ header, commit }) => ({ header, commit })),
        },
      };
    }
    if (protocol === 'validator-set') {
      const height = longToBigint(request.validatorSet?.height ?? 0);
      if (height > served) return notFound(`head ${served}`);
      const set = chain.setAt(height);
      return {
        validatorSet: {
          height: bigintToLong(height),
          validatorSet: {
            validators: set.validators.map((v) => ({
              address: v.address,
              publicKey: v.publicKey,
              votingPower: bigintToLong(v.votingPower),
            })),
          },
        },
      };
    }
    if (protocol === 'account-proof') {
      const address = request.accountProof?.address ?? new Uint8Array(0);
      return {
        accountProof: {
          height: request.accountProof?.height ?? bigintToLong(served),
          account: (await state.get(address)) ?? new Uint8Array(0),
          proof: await state.proof(address),
        },
      };
    }
    if (protocol === 'storage-proof') {
      const asked = request.storageProof;
      const height = asked?.height ? longToBigint(asked.height) : served;
      const contract = asked?.contract ?? new Uint8Array(0);
      return { storageProof: await state.storageAnswer(contract, asked?.key ?? contract, height) };
    }
    const signed = request.submitTransaction?.transaction;
    return {
      submitTransaction: { transactionHash: hash(ALG, signed?.transaction ?? new Uint8Array(0)) },
    };
  };
}

export type FakeNode = {
  id: string;
  answer: (protocol: LightProtocol, request: pvchain.v1.SyncRequest) => Promise<Body>;
  override?: Override;
};

/** A transport to `nodes` in memory; `log` records every request (peer, protocol, request). */
export function fakeTransport(nodes: FakeNode[]) {
  const log: { peer: string; protocol: LightProtocol; request: pvchain.v1.SyncRequest }[] = [];
  const transport: LightTransport = {
    peers: () => nodes.map((n) => ({ id: n.id, addresses: [] })),
    async request(peer, protocol, body, options) {
      const node = nodes.find((n) => n.id === peer);
      const request = decodeCanonical(v1.SyncRequest, body, { maxBytes: 1 << 20 });
      log.push({ peer, protocol, request });
      if (!node) throw new Error(`no node ${peer}`);
      const honest = () => node.answer(protocol, request);
      const answer = (await node.override?.(protocol, request, honest)) ?? (await honest());
      if (answer === 'hang')
        return new Promise<Uint8Array>((_, reject) =>
          options.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      if (answer instanceof Uint8Array) return answer;
      return encodeCanonical(v1.SyncResponse, answer, { maxBytes: 1 << 24 });
    },
    async close() {},
  };
  return { transport, log };
}
