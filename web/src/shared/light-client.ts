// The page's one light client (ADR 0020): libp2p to the configured full nodes (WebRTC-direct
// first), its verified head kept in IndexedDB so a reload starts warm. Components ask it for
// verified accounts; a failure keeps its LightClientError code for the UI.
import { createIdbStore, type IdbStore } from '../../../light-client/client/idb-store.ts';
import { createLibp2pTransport } from '../../../light-client/client/libp2p-transport.ts';
import { createLightClient, type LightClient } from '../../../light-client/client/light-client.ts';
import type {
  FullNodePeer,
  LightTransport,
  VerifiedAccount,
} from '../../../light-client/client/types.ts';
import type { AppConfig } from './config.ts';

type Running = { config: AppConfig; client: Promise<LightClient>; store: IdbStore };

let running: Running | null = null;

/**
 * A transport whose libp2p node is still being made, so that the client can read its stored head
 * from IndexedDB meanwhile (start() hands the client out once both are done).
 */
function transportWhenReady(ready: Promise<LightTransport>, peers: FullNodePeer[]): LightTransport {
  return {
    peers: () => peers,
    request: async (peer, protocol, body, options) =>
      (await ready).request(peer, protocol, body, options),
    close: async () => {
      const transport = await ready.catch(() => null);
      await transport?.close();
    },
  };
}

async function start(config: AppConfig, store: IdbStore): Promise<LightClient> {
  const transport = createLibp2pTransport({
    chainId: config.chainId,
    peers: config.peers,
    preconnect: true,
  });
  const client = createLightClient({
    chainId: config.chainId,
    hash: config.hash,
    trust: config.trust,
    transport: transportWhenReady(transport, config.peers),
    store,
    timeoutMs: 10_000,
    witness: config.peers.length > 1,
  });
  try {
    await Promise.all([client.start(), transport]);
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  return client;
}

/** The page's light client for `config` (a new config closes the old client). */
export function lightClientFor(config: AppConfig): Promise<LightClient> {
  if (running?.config === config) return running.client;
  void closeLightClient();
  const store = createIdbStore({ dbName: `pvchain-light-${config.chainId}` });
  const client = start(config, store);
  running = { config, client, store };
  // A client that failed to start is not kept: the next call tries again.
  client.catch(() => {
    if (running?.client === client) {
      running = null;
      store.close();
    }
  });
  return client;
}

/** The account at `address` (hex), verified by this browser from the trust root. */
export async function verifiedAccount(
  config: AppConfig,
  address: string,
): Promise<VerifiedAccount> {
  const client = await lightClientFor(config);
  return client.account(address);
}

/** Stops the page's light client (tests; leaving the app). */
export async function closeLightClient(): Promise<void> {
  const was = running;
  running = null;
  if (!was) return;
  const client = await was.client.catch(() => null);
  await client?.close();
  was.store.close();
}

/** The code of a failure: a LightClientError's or an ApiError's, else a generic one. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ERROR';
}
