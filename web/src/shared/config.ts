// What the page needs to know about the chain: which full node's API to use, the nodes' browser
// addresses (GET /v1/status), and the trust root the light client starts from. The trust root is
// published by the operator in chain.json next to the app; without one, it is read from the node
// (development only: the UI says so, since that node is then trusted for it).
import { addressBytesFromPublicKey, type HashAlgorithm, hash } from 'pvchain/crypto';
import type { FullNodePeer, TrustRoot } from '../../../light-client/client/types.ts';
import { type ApiClient, createApiClient } from './api-client.ts';
import { fromHex, toHex } from './hex.ts';

export type GenesisTrust = Extract<TrustRoot, { kind: 'genesis' }>;

export type AppConfig = {
  chainId: string;
  hash: HashAlgorithm;
  api: ApiClient;
  trust: GenesisTrust;
  /** True when the trust root came from the node rather than a published chain.json. */
  trustFromNode: boolean;
  peers: FullNodePeer[];
  /** The energy contract's address (hex). */
  energyContract: string;
};

/** chain.json: every field optional; `genesisHash` with `validators` makes the trust root. */
export type ChainJson = {
  chainId?: string;
  hash?: HashAlgorithm;
  genesisHash?: string;
  genesisTimeMs?: string;
  validators?: { address: string; publicKey: string; votingPower: string }[];
  energyContract?: string;
};

/** The full nodes of libp2p addresses ending in /p2p/<id>, grouped by id. */
export function peersOf(addresses: readonly string[]): FullNodePeer[] {
  const byId = new Map<string, string[]>();
  for (const address of addresses) {
    const id = /\/p2p\/([^/]+)$/.exec(address)?.[1];
    if (id) byId.set(id, [...(byId.get(id) ?? []), address]);
  }
  return [...byId].map(([id, list]) => ({ id, addresses: list }));
}

/** The address of the contract the genesis deploys under `name` (as the node derives it). */
export function genesisContractAddress(alg: HashAlgorithm, chainId: string, name: string): string {
  const utf8 = new TextEncoder();
  const domain = utf8.encode('pvchain/contract-address/v1');
  const seed = utf8.encode(`genesis/${chainId}/${name}`);
  const input = new Uint8Array(domain.length + seed.length);
  input.set(domain);
  input.set(seed, domain.length);
  return toHex(addressBytesFromPublicKey(hash(alg, input)));
}

export function trustOf(json: Required<Pick<ChainJson, 'genesisHash' | 'validators'>> & ChainJson) {
  return {
    kind: 'genesis',
    genesisHash: fromHex(json.genesisHash),
    genesisTimeMs: BigInt(json.genesisTimeMs ?? '0'),
    validators: json.validators.map((v) => ({
      address: fromHex(v.address),
      publicKey: fromHex(v.publicKey),
      votingPower: BigInt(v.votingPower),
    })),
  } satisfies GenesisTrust;
}

async function readChainJson(url: URL): Promise<ChainJson> {
  try {
    const answer = await fetch(url);
    return answer.ok ? ((await answer.json()) as ChainJson) : {};
  } catch {
    return {};
  }
}

/** The trust root read from the node itself (genesis block and the set that signs from 1). */
async function trustFromNode(api: ApiClient): Promise<ChainJson> {
  const [genesis, set] = await Promise.all([api.block('0'), api.validators()]);
  if (BigInt(set.since) > 1n)
    throw new Error('the validator set changed since the genesis: publish chain.json');
  return {
    genesisHash: genesis.hash,
    genesisTimeMs: genesis.header.timeMs,
    validators: set.validators,
  };
}

/** The page's configuration: `?node=<api url>` or the page's own origin; `chain.json` beside it. */
export async function loadConfig(page: URL = new URL(location.href)): Promise<AppConfig> {
  const apiBase = page.searchParams.get('node') ?? page.origin;
  const api = createApiClient(apiBase);
  const [chain, status] = await Promise.all([
    readChainJson(new URL('chain.json', page)),
    api.status(),
  ]);
  const fromNode = !(chain.genesisHash && chain.validators);
  const trustJson = fromNode ? { ...chain, ...(await trustFromNode(api)) } : chain;
  const chainId = chain.chainId ?? status.chainId;
  const alg = chain.hash ?? 'sha256';
  return {
    chainId,
    hash: alg,
    api,
    trust: trustOf(trustJson as Parameters<typeof trustOf>[0]),
    trustFromNode: fromNode,
    peers: peersOf(status.addresses),
    energyContract: chain.energyContract ?? genesisContractAddress(alg, chainId, 'energy'),
  };
}
