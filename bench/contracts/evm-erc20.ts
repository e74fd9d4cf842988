// The EVM peer of bench/contracts: erc20.sol compiled at run time by the `solc` npm package
// (standard JSON, optimizer on, 200 runs; its bundled soljson, nothing downloaded), deployed on
// @ethereumjs/evm with in-memory state (EvmState), the whole supply minted to one sender, then
// transfers of 1 unit from that sender to a pool of distinct recipients, each a message call
// (`evm.runCall`): the EVM's own work, without a transaction's signature check or receipt. A peer
// is checked before it is handed out (return value, balances, Transfer log, a revert), so a
// broken peer fails the benchmark instead of measuring reverts. `prepareErc20Peer().transfer` is
// an async subject for bench/measure.ts; `measureErc20Transfers` runs rounds on its own.
import { readFileSync } from 'node:fs';
import { createEVM, type EVM, type EVMResult } from '@ethereumjs/evm';
import { Caches, MerkleStateManager, SimpleStateManager } from '@ethereumjs/statemanager';
import { Address, bytesToBigInt, bytesToHex, hexToBytes, setLengthLeft } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import solc from 'solc';
import { median } from '../measure.ts';

const SOURCE_FILE = 'erc20.sol';
const CONTRACT = 'Erc20';
/** The EVM version solc targets: the default hardfork of @ethereumjs/common 10. */
const EVM_VERSION = 'prague';
const GAS_LIMIT = 1_000_000n;
const DEPLOY_GAS_LIMIT = 10_000_000n;
const TRANSFER_TOPIC = bytesToHex(
  keccak_256(new TextEncoder().encode('Transfer(address,address,uint256)')),
);

export type CompiledErc20 = {
  solcVersion: string;
  bytecode: Uint8Array;
  /** 4-byte selectors by signature, e.g. `transfer(address,uint256)`. */
  selectors: Record<string, Uint8Array>;
};

export type TransferOutcome = {
  returned: boolean;
  gasUsed: bigint;
  logs: number;
  transferLogged: boolean;
};

export type Erc20Peer = {
  /** `solc 0.8.x+commit...` and `@ethereumjs/evm 10.x`, for the benchmark's header. */
  versions: { solc: string; evm: string };
  sender: Address;
  contract: Address;
  recipients: readonly Address[];
  /** One transfer of 1 unit from the sender to the next recipient of the pool (cycling). */
  transfer(): Promise<void>;
  transferTo(to: Address, amount: bigint): Promise<TransferOutcome>;
  balanceOf(owner: Address): Promise<bigint>;
};

/**
 * The peer's state: `simple` is @ethereumjs/evm's default, Maps in memory (fastest; its
 * checkpoint copies the state's Maps on every call, so its rate falls as the state grows);
 * `merkle` is the Merkle Patricia state of a real node, in memory with the account, storage and
 * code caches, every call's changes flushed into the trie.
 */
export type EvmState = 'simple' | 'merkle';

export type PeerOptions = {
  /** Default `simple`. */
  state?: EvmState;
  /** Distinct recipients the transfers cycle through (default 500, bench/ledger's households). */
  recipients?: number;
  /** Minted to the sender by the constructor (default 10^30). */
  supply?: bigint;
};

function stateManager(state: EvmState): SimpleStateManager | MerkleStateManager {
  return state === 'simple'
    ? new SimpleStateManager()
    : new MerkleStateManager({ caches: new Caches() });
}

let compiled: CompiledErc20 | undefined;

/** Compiles erc20.sol once per process (solc takes a second or two). */
export function compileErc20(): CompiledErc20 {
  if (compiled) return compiled;
  const source = readFileSync(new URL(SOURCE_FILE, import.meta.url), 'utf8');
  const input = {
    language: 'Solidity',
    sources: { [SOURCE_FILE]: { content: source } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: EVM_VERSION,
      outputSelection: {
        [SOURCE_FILE]: { [CONTRACT]: ['evm.bytecode.object', 'evm.methodIdentifiers'] },
      },
    },
  };
  type Output = {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<
      string,
      Record<
        string,
        { evm: { bytecode: { object: string }; methodIdentifiers: Record<string, string> } }
      >
    >;
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as Output;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0)
    throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join('\n')}`);
  const evm = output.contracts?.[SOURCE_FILE]?.[CONTRACT]?.evm;
  if (!evm?.bytecode.object) throw new Error(`solc produced no bytecode for ${CONTRACT}`);
  const selectors = Object.fromEntries(
    Object.entries(evm.methodIdentifiers).map(([signature, id]) => [
      signature,
      hexToBytes(`0x${id}`),
    ]),
  );
  compiled = {
    solcVersion: solc.version() as string,
    bytecode: hexToBytes(`0x${evm.bytecode.object}`),
    selectors,
  };
  return compiled;
}

function evmVersion(): string {
  const manifest = new URL('../../package.json', import.meta.resolve('@ethereumjs/evm'));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

const word = (value: bigint): Uint8Array =>
  setLengthLeft(hexToBytes(`0x${value.toString(16).padStart(2, '0')}`), 32);
const addressWord = (address: Address): Uint8Array => setLengthLeft(address.bytes, 32);

function calldata(selector: Uint8Array | undefined, ...words: Uint8Array[]): Uint8Array {
  if (!selector) throw new Error('erc20.sol lacks a function the peer calls');
  const data = new Uint8Array(4 + 32 * words.length);
  data.set(selector, 0);
  for (const [i, w] of words.entries()) data.set(w, 4 + 32 * i);
  return data;
}

/** Recipient i: 0xee, then zeros, then i + 1 big-endian; never a precompile or the sender. */
function recipient(i: number): Address {
  const bytes = new Uint8Array(20);
  bytes[0] = 0xee;
  new DataView(bytes.buffer).setUint32(16, i + 1);
  return new Address(bytes);
}

function failure(what: string, result: EVMResult): Error {
  const error = result.execResult.exceptionError;
  return new Error(
    `ERC-20 ${what} failed: ${error?.error ?? 'no error'} (return ${bytesToHex(result.execResult.returnValue)})`,
  );
}

/** Deploys erc20.sol on a fresh in-memory EVM, mints to the sender, checks a first transfer. */
export async function prepareErc20Peer(options: PeerOptions = {}): Promise<Erc20Peer> {
  const { bytecode, selectors, solcVersion } = compileErc20();
  const supply = options.supply ?? 10n ** 30n;
  const evm: EVM = await createEVM({ stateManager: stateManager(options.state ?? 'simple') });
  const sender = new Address(hexToBytes('0x00000000000000000000000000000000005e7de5'));
  const deployed = await evm.runCall({
    caller: sender,
    data: new Uint8Array([...bytecode, ...word(supply)]),
    gasLimit: DEPLOY_GAS_LIMIT,
  });
  const contract = deployed.createdAddress;
  if (deployed.execResult.exceptionError || !contract) throw failure('deployment', deployed);

  const transferSelector = selectors['transfer(address,uint256)'];
  const balanceSelector = selectors['balanceOf(address)'];
  const recipients = Array.from({ length: options.recipients ?? 500 }, (_, i) => recipient(i));
  const oneUnit = recipients.map((to) => calldata(transferSelector, addressWord(to), word(1n)));
  let next = 0;

  // Each call is a transaction of its own, as @ethereumjs/vm's runTx makes it: the journal's
  // warm accounts and slots (EIP-2929) and the original values of slots (EIP-2200) do not carry
  // over from one call to the next.
  const call = async (data: Uint8Array): Promise<EVMResult> => {
    const result = await evm.runCall({ caller: sender, to: contract, data, gasLimit: GAS_LIMIT });
    await evm.journal.cleanup();
    evm.stateManager.originalStorageCache.clear();
    return result;
  };

  const peer: Erc20Peer = {
    versions: { solc: solcVersion, evm: evmVersion() },
    sender,
    contract,
    recipients,
    async transfer() {
      const data = oneUnit[next] as Uint8Array;
      next = (next + 1) % oneUnit.length;
      const result = await call(data);
      if (result.execResult.exceptionError) throw failure('transfer', result);
    },
    async transferTo(to, amount) {
      const result = await call(calldata(transferSelector, addressWord(to), word(amount)));
      if (result.execResult.exceptionError) throw failure('transfer', result);
      const logs = result.execResult.logs ?? [];
      const transferLogged = logs.some(
        ([from, topics, data]) =>
          bytesToHex(from) === contract.toString() &&
          topics.length === 3 &&
          bytesToHex(topics[0] as Uint8Array) === TRANSFER_TOPIC &&
          bytesToHex(topics[1] as Uint8Array) === bytesToHex(addressWord(sender)) &&
          bytesToHex(topics[2] as Uint8Array) === bytesToHex(addressWord(to)) &&
          bytesToBigInt(data) === amount,
      );
      return {
        returned: bytesToBigInt(result.execResult.returnValue) === 1n,
        gasUsed: result.execResult.executionGasUsed,
        logs: logs.length,
        transferLogged,
      };
    },
    async balanceOf(owner) {
      const result = await call(calldata(balanceSelector, addressWord(owner)));
      if (result.execResult.exceptionError) throw failure('balanceOf', result);
      return bytesToBigInt(result.execResult.returnValue);
    },
  };
  await checkPeer(peer, supply);
  return peer;
}

/** Throws unless a transfer returns true, moves the balances and logs Transfer. */
async function checkPeer(peer: Erc20Peer, supply: bigint): Promise<void> {
  const problem = (what: string): Error => new Error(`the EVM ERC-20 peer does not work: ${what}`);
  if ((await peer.balanceOf(peer.sender)) !== supply) throw problem('the supply was not minted');
  const to = recipient(peer.recipients.length); // outside the pool, so the pool starts empty
  const outcome = await peer.transferTo(to, 7n);
  if (!outcome.returned) throw problem('transfer did not return true');
  if (!outcome.transferLogged) throw problem('transfer logged no Transfer event');
  if ((await peer.balanceOf(to)) !== 7n) throw problem('the recipient was not credited');
  if ((await peer.balanceOf(peer.sender)) !== supply - 7n)
    throw problem('the sender was not debited');
  const rejected = await peer.transferTo(to, supply).then(
    () => false,
    (error: Error) => error.message.includes('revert'),
  );
  if (!rejected) throw problem('a transfer above the balance did not revert');
}

export type TransferMeasurement = {
  /** Transfers per second of each round. */
  perSecond: number[];
  median: number;
  versions: Erc20Peer['versions'];
};

/** Transfers per second, round by round, on one peer (after a warm-up of one round). */
export async function measureErc20Transfers(options: {
  rounds: number;
  transfersPerRound: number;
  recipients?: number;
  state?: EvmState;
}): Promise<TransferMeasurement> {
  const peer = await prepareErc20Peer(options);
  const perSecond: number[] = [];
  for (let round = -1; round < options.rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < options.transfersPerRound; i++) await peer.transfer();
    const seconds = (performance.now() - started) / 1000;
    if (round >= 0) perSecond.push(options.transfersPerRound / seconds);
  }
  return { perSecond, median: median(perSecond), versions: peer.versions };
}
