// Browser side of the light client tests: the test server's network of full nodes
// (light-network-server.ts) as the browser learns it, and a request helper that decodes answers.
import type {
  FullNodePeer,
  LightTransport,
  TrustRoot,
} from '../../../light-client/client/types.ts';
import { decodeCanonical, encodeCanonical, pvchain } from '../../../proto/index.ts';
import { fromHex } from '../../shared/check.ts';

export type LightNetwork = {
  chainId: string;
  trustRoot: Extract<TrustRoot, { kind: 'genesis' }>;
  honest: FullNodePeer[];
  follower: FullNodePeer;
  household: Uint8Array;
  grid: Uint8Array;
  householdEnergyWh: bigint;
};

type Json = {
  chainId: string;
  genesisHash: string;
  genesisTimeMs: string;
  validators: { address: string; publicKey: string; votingPower: string }[];
  honest: FullNodePeer[];
  follower: FullNodePeer;
  household: string;
  grid: string;
  householdEnergyWh: string;
};

/** The network the test server started (on the first call: about ten seconds). */
export async function lightNetwork(): Promise<LightNetwork> {
  const answer = await fetch('/__network');
  if (!answer.ok) throw new Error(`/__network: ${answer.status} ${await answer.text()}`);
  const json = (await answer.json()) as Json;
  return {
    chainId: json.chainId,
    trustRoot: {
      kind: 'genesis',
      genesisHash: fromHex(json.genesisHash),
      genesisTimeMs: BigInt(json.genesisTimeMs),
      validators: json.validators.map((v) => ({
        address: fromHex(v.address),
        publicKey: fromHex(v.publicKey),
        votingPower: BigInt(v.votingPower),
      })),
    },
    honest: json.honest,
    follower: json.follower,
    household: fromHex(json.household),
    grid: fromHex(json.grid),
    householdEnergyWh: BigInt(json.householdEnergyWh),
  };
}

/** Restarts the network's follower as a dishonest node with `faults`; its new addresses. */
export async function dishonestNode(faults: string): Promise<FullNodePeer> {
  const answer = await fetch(`/__network/dishonest?faults=${encodeURIComponent(faults)}`, {
    method: 'POST',
  });
  if (!answer.ok) throw new Error(`dishonest node: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as FullNodePeer;
}

/** One request through `transport`, its SyncResponse decoded. */
export async function ask(
  transport: LightTransport,
  peer: string,
  protocol: 'status' | 'headers' | 'validator-set' | 'account-proof',
  request: pvchain.v1.SyncRequest.$Properties,
): Promise<pvchain.v1.SyncResponse> {
  const body = encodeCanonical(pvchain.v1.SyncRequest, request);
  const bytes = await transport.request(peer, protocol, body, {
    timeoutMs: 15_000,
    maxResponseBytes: 4 << 20,
  });
  return decodeCanonical(pvchain.v1.SyncResponse, bytes, { maxBytes: 4 << 20 });
}

/** Has the network swap validator 3 for node 5 (once); the change's height and the new key. */
export async function changeValidatorSet(): Promise<{
  effectiveHeight: bigint;
  joined: Uint8Array;
}> {
  const answer = await fetch('/__network/set-change', { method: 'POST' });
  if (!answer.ok) throw new Error(`set change: ${answer.status} ${await answer.text()}`);
  const json = (await answer.json()) as { effectiveHeight: string; joined: string };
  return { effectiveHeight: BigInt(json.effectiveHeight), joined: fromHex(json.joined) };
}
