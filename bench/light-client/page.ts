// The page bench/light-client runs in headless Chromium (bundled by esbuild, served on
// 127.0.0.1): a cold start to a verified balance (a new libp2p node, its WebRTC-direct connection,
// headers from the genesis, the account proof), a warm start from IndexedDB, and the time to
// verify one header and one proof, beside pure-JS peers verifying the same bytes.
import { verifyMerkleProof } from '@ethereumjs/mpt';
import * as noble from '@noble/ed25519';
import { sha256 } from '@noble/hashes/sha2.js';
import { hash } from '../../assembly/bindings/crypto.ts';
import { verifyProof } from '../../assembly/bindings/trie/index.ts';
import { createIdbStore } from '../../light-client/client/idb-store.ts';
import { createLibp2pTransport } from '../../light-client/client/libp2p-transport.ts';
import {
  assertValidHeaderChain,
  commitVoteSigningPayload,
  createLightClient,
  createValidatorSet,
  type FullNodePeer,
  type LightTransport,
  type TrustRoot,
  trustBlock,
} from '../../light-client/index.ts';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  longToBigint,
  pvchain,
} from '../../proto/index.ts';

export type PageConfig = {
  chainId: string;
  genesisHash: string;
  genesisTimeMs: string;
  validators: { address: string; publicKey: string }[];
  peer: FullNodePeer;
  household: string;
};

const fromHex = (hex: string) =>
  Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

function trustOf(c: PageConfig): Extract<TrustRoot, { kind: 'genesis' }> {
  return {
    kind: 'genesis',
    genesisHash: fromHex(c.genesisHash),
    genesisTimeMs: BigInt(c.genesisTimeMs),
    validators: c.validators.map((v) => ({
      address: fromHex(v.address),
      publicKey: fromHex(v.publicKey),
      votingPower: 1n,
    })),
  };
}

/** From nothing (or from IndexedDB `dbName`) to the household's verified balance. */
async function toBalance(c: PageConfig, dbName: string) {
  const t0 = performance.now();
  const transport = await createLibp2pTransport({ chainId: c.chainId, peers: [c.peer] });
  const store = createIdbStore({ dbName });
  const client = createLightClient({
    chainId: c.chainId,
    hash: 'sha256',
    trust: trustOf(c),
    transport,
    store,
  });
  try {
    const from = (await client.start()).height;
    const account = await client.account(fromHex(c.household));
    const ms = performance.now() - t0;
    return {
      ms,
      from: String(from),
      height: String(account.height),
      fetched: client.stats().headersFetched,
      energyWh: String([...account.balances.values()][0] ?? 0n),
      via: transport.connectedVia(c.peer.id) ?? '',
      persistent: store.persistent,
    };
  } finally {
    await client.close();
    store.close();
  }
}

async function ask(
  t: LightTransport,
  peer: string,
  protocol: 'headers' | 'account-proof',
  request: pvchain.v1.SyncRequest.$Properties,
) {
  const bytes = await t.request(peer, protocol, encodeCanonical(pvchain.v1.SyncRequest, request), {
    timeoutMs: 15_000,
    maxResponseBytes: 8 << 20,
  });
  return decodeCanonical(pvchain.v1.SyncResponse, bytes, { maxBytes: 8 << 20 });
}

/** Median ms of `run` over rounds of about `roundMs`, per unit. */
async function perUnit(
  run: () => unknown | Promise<unknown>,
  units: number,
  rounds: number,
  roundMs: number,
) {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < roundMs) {
      await run();
      n++;
    }
    times.push((performance.now() - t0) / (n * units));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** ms per header (headers 1..count) and per account proof: pvchain's Wasm beside pure JS. */
async function verification(c: PageConfig, count: number, rounds: number, roundMs: number) {
  const transport = await createLibp2pTransport({ chainId: c.chainId, peers: [c.peer] });
  try {
    const answer = await ask(transport, c.peer.id, 'headers', {
      headers: { startHeight: bigintToLong(1n), count },
    });
    const headers = (answer.headers?.headers ?? []).map((h) => ({
      header: h.header ?? {},
      commit: h.commit ?? {},
    }));
    const trust = trustOf(c);
    const set = createValidatorSet('sha256', trust.validators);
    const root = trustBlock(
      { height: 0n, hash: trust.genesisHash, timeMs: trust.genesisTimeMs },
      set,
    );
    const options = { chainId: c.chainId, hash: 'sha256' as const };
    const last = assertValidHeaderChain(root, headers, options);
    const keyOf = new Map(c.validators.map((v) => [v.address, fromHex(v.publicKey)]));
    // The peer: the same header hashes and commit signatures checked with @noble (pure JS).
    const nobleChain = () => {
      for (const { header, commit } of headers) {
        const blockHash = sha256(encodeCanonical(pvchain.v1.BlockHeader, header));
        for (const s of commit.signatures ?? []) {
          const validator = s.validator as Uint8Array;
          const payload = commitVoteSigningPayload(c.chainId, {
            height: longToBigint(commit.height ?? 0),
            view: longToBigint(commit.view ?? 0),
            blockHash,
            validator,
          });
          let hexAddress = '';
          for (const b of validator) hexAddress += b.toString(16).padStart(2, '0');
          if (
            !noble.verify(s.signature as Uint8Array, payload, keyOf.get(hexAddress) as Uint8Array)
          )
            throw new Error('noble disagrees');
        }
      }
    };
    nobleChain();
    const header = await perUnit(
      () => assertValidHeaderChain(root, headers, options),
      headers.length,
      rounds,
      roundMs,
    );
    const nobleHeader = await perUnit(nobleChain, headers.length, rounds, roundMs);

    const address = fromHex(c.household);
    const proofAnswer = await ask(transport, c.peer.id, 'account-proof', {
      accountProof: { address, height: bigintToLong(last.height) },
    });
    const proof = proofAnswer.accountProof?.proof ?? [];
    const stateRoot = headers.at(-1)?.header.stateRoot as Uint8Array;
    const key = hash('sha256', address);
    const value = await verifyProof(stateRoot, key, proof, { hash: 'sha256' });
    const peerValue = await verifyMerkleProof(key, proof, {
      root: stateRoot,
      useKeyHashingFunction: sha256,
    });
    if (!value || value.join() !== peerValue?.join()) throw new Error('proof verifiers disagree');
    const proofMs = await perUnit(
      () => verifyProof(stateRoot, key, proof, { hash: 'sha256' }),
      1,
      rounds,
      roundMs,
    );
    const peerProofMs = await perUnit(
      () => verifyMerkleProof(key, proof, { root: stateRoot, useKeyHashingFunction: sha256 }),
      1,
      rounds,
      roundMs,
    );
    return {
      headers: headers.length,
      signaturesPerHeader: (headers[0]?.commit.signatures ?? []).length,
      headerMs: header,
      nobleHeaderMs: nobleHeader,
      proofNodes: proof.length,
      proofMs,
      peerProofMs,
    };
  } finally {
    await transport.close();
  }
}

/** A new libp2p node, its WebRTC-direct connection and one status request: ms. */
async function connect(c: PageConfig): Promise<number> {
  const t0 = performance.now();
  const transport = await createLibp2pTransport({ chainId: c.chainId, peers: [c.peer] });
  try {
    const status = encodeCanonical(pvchain.v1.SyncRequest, { status: {} });
    await transport.request(c.peer.id, 'status', status, {
      timeoutMs: 15_000,
      maxResponseBytes: 4096,
    });
    return performance.now() - t0;
  } finally {
    await transport.close();
  }
}

Object.assign(globalThis, { pvchainBench: { toBalance, verification, connect } });
