// A network of real validator processes on 127.0.0.1 for end-to-end tests: `pvchain node` per
// validator (its own data dir, config and key file), their JSON event lines collected, SIGKILL and
// restart, and a non-validator libp2p client that gossips transactions to them.
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createP2PNode, type P2PNode, peerIdFromValidatorKey } from '../../node/p2p/index.ts';
import { address, CHAIN_ID, GENESIS, GRID, hex, publicKey, secretKey } from './community.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pvchain.ts');

/** Validator i (from 0) of a test network has key 11 + i. */
export const networkValidatorKey = (i: number): number => 11 + i;

export type NodeEvent = { event: string; timeMs: number; [field: string]: unknown };

export type TestValidator = {
  index: number;
  dir: string;
  configFile: string;
  tcpPort: number;
  /** The node's HTTP API (node/api/): http://127.0.0.1:<port>. */
  apiUrl: string;
  /** The node's Prometheus metrics (its config's monitor): http://127.0.0.1:<port>/metrics. */
  metricsUrl: string;
  process: ChildProcess | null;
  events: NodeEvent[];
  /** Committed blocks seen in this process's lines: height -> hash and state root. */
  committed: Map<string, { hash: string; stateRoot: string; view: string }>;
  stderr: string;
};

/**
 * `count` distinct free ports on 127.0.0.1: all are held open until every one is known, so the
 * system cannot hand one out twice (one at a time, a port just closed may come back).
 */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** `count` distinct free UDP ports on 127.0.0.1, all held until every one is known. */
async function freeUdpPorts(count: number): Promise<number[]> {
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = createSocket('udp4');
          socket.once('error', reject);
          socket.bind(0, '127.0.0.1', () => resolve(socket));
        }),
    ),
  );
  const ports = sockets.map((socket) => socket.address().port);
  await Promise.all(
    sockets.map((socket) => new Promise((resolve) => socket.close(() => resolve(0)))),
  );
  return ports;
}

export type TestNetworkOptions = {
  validators?: number;
  /** Nodes after the validators with keys of their own that the genesis does not name. */
  followers?: number;
  baseTimeoutMs?: number;
  /** Households (key numbers) the genesis creates under the grid, each with `energyWh`. */
  households?: { keys: number[]; energyWh: number };
  /** The `ledger` section of every node.json (block limits and interval). */
  ledger?: { maxBlockTransactions?: number; maxBlockBytes?: number; blockIntervalMs?: number };
  verifyWorkers?: number;
  /** Listen for browsers too: WebSockets and WebRTC-direct on 127.0.0.1. Default true. */
  browserListeners?: boolean;
};

export async function createTestNetwork(options: TestNetworkOptions = {}) {
  const validatorCount = options.validators ?? 4;
  const count = validatorCount + (options.followers ?? 0);
  const root = await mkdtemp(join(tmpdir(), 'pvchain-net-'));
  const keys = Array.from({ length: count }, (_, i) => networkValidatorKey(i));
  const genesisValidatorKeys = keys.slice(0, validatorCount);
  const genesis = {
    chainId: CHAIN_ID,
    timeMs: 1_732_400_000_000,
    genesisAccount: { publicKey: hex(publicKey(GENESIS)) },
    validators: genesisValidatorKeys.map((k) => ({ publicKey: hex(publicKey(k)) })),
    grids: [
      {
        publicKey: hex(publicKey(GRID)),
        realName: 'Lianhua Grid Co.',
        energyWh: 10_000_000_000,
        moneyFen: 1_000_000_000,
      },
    ],
    energyContract: { grid: hex(publicKey(GRID)) },
    households: (options.households?.keys ?? []).map((k) => ({
      publicKey: hex(publicKey(k)),
      realName: `Household ${k}`,
      grid: hex(publicKey(GRID)),
      energyWh: options.households?.energyWh ?? 0,
    })),
  };
  await writeFile(join(root, 'genesis.json'), JSON.stringify(genesis));
  const browsers = options.browserListeners ?? true;
  const free = await freePorts(count * (browsers ? 4 : 3));
  const portsFor = (set: number) => keys.map((_, i) => free[set * count + i] as number);
  const [ports, apiPorts, monitorPorts] = [portsFor(0), portsFor(1), portsFor(2)];
  const wsPorts = browsers ? portsFor(3) : keys.map(() => 0);
  const udpPorts = browsers ? await freeUdpPorts(count) : keys.map(() => 0);
  const addressOf = (i: number) =>
    `/ip4/127.0.0.1/tcp/${ports[i]}/p2p/${peerIdFromValidatorKey(publicKey(keys[i] as number))}`;
  const validators: TestValidator[] = [];
  for (let i = 0; i < count; i++) {
    const dir = join(root, `node-${i}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'validator.key'), hex(secretKey(keys[i] as number)));
    await chmod(join(dir, 'validator.key'), 0o600);
    const configFile = join(dir, 'node.json');
    await writeFile(
      configFile,
      JSON.stringify({
        db: { path: 'chain' },
        validation: { keyFile: 'validator.key', verifyWorkers: options.verifyWorkers ?? 0 },
        p2p: {
          listen: {
            tcp: `/ip4/127.0.0.1/tcp/${ports[i]}`,
            ...(browsers && {
              ws: `/ip4/127.0.0.1/tcp/${wsPorts[i]}/ws`,
              // A UDP port of the network's own (with port 0 the WebRTC stack picked one itself,
              // and two nodes starting at once could pick the same); the ready line has the
              // address with its certhash.
              webrtcDirect: `/ip4/127.0.0.1/udp/${udpPorts[i]}/webrtc-direct`,
            }),
          },
          peers: keys.flatMap((_, j) => (j === i ? [] : [addressOf(j)])),
        },
        consensus: {
          baseTimeoutMs: options.baseTimeoutMs ?? 1000,
          maxTimeoutMs: 8000,
          checkpointInterval: 8,
        },
        ledger: { genesisFile: '../genesis.json', blockIntervalMs: 200, ...options.ledger },
        webserver: { listen: `127.0.0.1:${apiPorts[i]}` },
        monitor: { listen: `127.0.0.1:${monitorPorts[i]}` },
      }),
    );
    validators.push({
      index: i,
      dir,
      configFile,
      tcpPort: ports[i] as number,
      apiUrl: `http://127.0.0.1:${apiPorts[i]}`,
      metricsUrl: `http://127.0.0.1:${monitorPorts[i]}/metrics`,
      process: null,
      events: [],
      committed: new Map(),
      stderr: '',
    });
  }

  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
  };

  /** Where each node's current process began in its events (browserAddresses reads past it). */
  const startedAt = new Map<number, number>();

  function start(i: number, env: Record<string, string> = {}): void {
    const v = validators[i] as TestValidator;
    startedAt.set(i, v.events.length);
    const child = spawn(process.execPath, [BIN, 'node', '--config', v.configFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    v.process = child;
    let buffer = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const event = JSON.parse(text) as NodeEvent;
          v.events.push(event);
          if (event.event === 'committed')
            v.committed.set(String(event.height), {
              hash: String(event.hash),
              stateRoot: String(event.stateRoot),
              view: String(event.view),
            });
        } catch {
          v.stderr += `${text}\n`;
        }
      }
      wake();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      v.stderr = (v.stderr + chunk).slice(-20_000);
    });
    child.on('exit', () => {
      if (v.process === child) v.process = null;
      wake();
    });
  }

  /** Resolves once `condition` holds; rejects after `timeoutMs` with `what` and the nodes' stderr. */
  function waitFor(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        const logs = validators.map((v) => `node ${v.index}: ${v.stderr.slice(-1500)}`).join('\n');
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${logs}`));
      }, timeoutMs);
      waiters.add(check);
    });
  }

  /**
   * The addresses browsers dial validator i's current process at (WebRTC-direct with its
   * certhash, then WebSockets), from its ready line; empty until it is ready.
   */
  function browserAddresses(i: number): string[] {
    const v = validators[i] as TestValidator;
    const current = v.process ? v.events.slice(startedAt.get(i) ?? 0) : [];
    const ready = current.find((e) => e.event === 'ready');
    const all = Array.isArray(ready?.addresses) ? (ready.addresses as string[]) : [];
    return [
      ...all.filter((a) => a.includes('/webrtc-direct/')),
      ...all.filter((a) => a.includes('/ws/')),
    ];
  }

  const height = (i: number): number =>
    Math.max(0, ...[...(validators[i] as TestValidator).committed.keys()].map(Number));

  async function kill(i: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = (validators[i] as TestValidator).process;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  const clients: P2PNode[] = [];
  /** A started non-validator libp2p peer with key `key` that dials `dial` (every validator). */
  async function createClient(key: number, dial = keys.map((_, i) => i)): Promise<P2PNode> {
    const node = await createP2PNode({
      chainId: CHAIN_ID,
      secretKey: secretKey(key),
      listen: { tcp: '/ip4/127.0.0.1/tcp/0' },
      peers: dial.map(addressOf),
      validatorKeys: genesisValidatorKeys.map((k) => publicKey(k)),
    });
    clients.push(node);
    await node.start();
    return node;
  }

  let client: P2PNode | null = null;
  /**
   * Gossips signed transactions through a non-validator peer connected to every validator, in as
   * few TransactionBatch messages as the limits allow.
   */
  async function gossip(envelopes: Uint8Array[]): Promise<void> {
    client ??= await createClient(98);
    await client.publishTransactions(envelopes);
  }

  /**
   * Gossips, trying again every 250 ms for up to `timeoutMs` while no validator is subscribed yet
   * (publishing then fails with P2P_NO_PEERS and leaves no trace).
   */
  async function gossipWhenSubscribed(envelopes: Uint8Array[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await gossip(envelopes);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250)); // the gossip mesh forming
      }
    }
  }

  /** Transactions in the blocks validator i printed as committed, over all its processes. */
  const committedTransactions = (i: number): number =>
    (validators[i] as TestValidator).events
      .filter((e) => e.event === 'committed')
      .reduce((sum, e) => sum + Number(e.transactions), 0);

  return {
    root,
    validators,
    start,
    kill,
    waitFor,
    height,
    gossip,
    gossipWhenSubscribed,
    committedTransactions,
    createClient,
    browserAddresses,
    peerCount: () => client?.peers().length ?? 0,
    async close(): Promise<void> {
      await Promise.all(clients.map((c) => c.stop()));
      await Promise.all(validators.map((_, i) => kill(i)));
      await rm(root, { recursive: true, force: true });
    },
  };
}

export type TestNetwork = Awaited<ReturnType<typeof createTestNetwork>>;

/** Node indexes of a test network's validators sorted by address: the primary of view v is [v mod n]. */
export function validatorOrder(count = 4): number[] {
  const key = (i: number) => Buffer.from(address(networkValidatorKey(i))).toString('hex');
  return Array.from({ length: count }, (_, i) => i).sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

/** Asserts that every height two nodes both committed has one hash and one state root; the number of heights. */
export function assertNoFork(n: TestNetwork): number {
  const seen = new Map<string, string>();
  for (const v of n.validators)
    for (const [height, block] of v.committed) {
      const mine = `${block.hash}/${block.stateRoot}`;
      const other = seen.get(height);
      if (other && other !== mine) throw new Error(`node ${v.index} forked at height ${height}`);
      seen.set(height, mine);
    }
  return seen.size;
}
