// Helpers of the p2p tests: nodes on 127.0.0.1 with OS-assigned ports, keys from a byte, and
// waiting for a condition with a bounded timeout (no fixed sleeps).
import { getPublicKey } from '../../../../assembly/bindings/crypto.node.ts';
import { createP2PNode, type P2PNode, type P2POptions } from '../../../../node/p2p/index.ts';

export const CHAIN_ID = 'pvchain-test';

export const secretKey = (n: number) => new Uint8Array(32).fill(n);
export const publicKey = (n: number) => getPublicKey(secretKey(n));

export type TestNodeOptions = Partial<Omit<P2POptions, 'secretKey'>> & { key: number };

/** A started node listening on TCP 127.0.0.1:0, stopped by `after` through `stopAll`. */
export async function startNode(options: TestNodeOptions, started: P2PNode[]): Promise<P2PNode> {
  const node = await createP2PNode({
    chainId: CHAIN_ID,
    listen: { tcp: '/ip4/127.0.0.1/tcp/0' },
    peers: [],
    validatorKeys: [],
    ...options,
    secretKey: secretKey(options.key),
  });
  started.push(node);
  await node.start();
  return node;
}

export async function stopAll(nodes: P2PNode[]): Promise<void> {
  await Promise.all(nodes.splice(0).map((node) => node.stop()));
}

/** The node's TCP address (with /p2p/<id>). */
export function tcpAddress(node: P2PNode): string {
  const address = node.multiaddrs().find((a) => a.includes('/tcp/') && !a.includes('/ws'));
  if (!address) throw new Error(`no TCP address in ${node.multiaddrs().join(', ')}`);
  return address;
}

/** Resolves once `condition()` holds, polling every 20 ms; rejects after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 8_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const connectedTo = (node: P2PNode, other: P2PNode) =>
  node.peers().some((peer) => peer.peerId === other.peerId);

export const bytes = (text: string) => new TextEncoder().encode(text);
export const text = (data: Uint8Array) => new TextDecoder().decode(data);
