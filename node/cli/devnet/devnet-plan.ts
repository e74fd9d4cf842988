// The demo network of `npm start` (`pvchain devnet`): four validators on 127.0.0.1, the paper's
// community - the grid company with 10,000,000 kWh and 64 named households, half of them with
// rooftop PV, each with a registered meter - and the energy contract. Every key is derived from
// a public label, so anyone can recompute them: a demo chain, never for anything real.
import {
  addressBytesFromPublicKey,
  getPublicKey,
  sha256,
} from '../../../assembly/bindings/crypto.node.ts';

export const DEVNET_CHAIN_ID = 'pvchain-devnet';
export const DEVNET_VALIDATORS = 4;
export const DEVNET_HOUSEHOLDS = 64;
export const GRID_ENERGY_WH = 10_000_000_000;
export const GRID_MONEY_FEN = 1_000_000_000;
/** Each household starts with 20 kWh and 200 CNY, paid out of the grid's issue. */
export const HOUSEHOLD_ENERGY_WH = 20_000;
export const HOUSEHOLD_MONEY_FEN = 20_000;
/** Small enough that a sunny day triggers trades on screen (the contract's default is 100 kWh). */
export const DEVNET_TRIGGER_WH = 5_000;
export const FIRST_TCP_PORT = 27001;
export const FIRST_WS_PORT = 27101;
/** Validator i's HTTP API (node/api/) listens on 27201 + i. */
export const FIRST_API_PORT = 27201;
/** Validator i's Prometheus metrics: http://127.0.0.1:<27301 + i>/metrics. */
export const FIRST_MONITOR_PORT = 27301;
/** Validator i's WebRTC-direct listener (UDP) for browsers: 27401 + i. */
export const FIRST_WEBRTC_PORT = 27401;
/** 2026-01-01T00:00:00Z. */
const GENESIS_TIME_MS = 1_767_225_600_000;

export type DevnetKey = { secretKey: Uint8Array; publicKey: Uint8Array; address: Uint8Array };

export function devnetKey(label: string): DevnetKey {
  const secretKey = sha256(new TextEncoder().encode(`${DEVNET_CHAIN_ID}/${label}`));
  const publicKey = getPublicKey(secretKey);
  return { secretKey, publicKey, address: addressBytesFromPublicKey(publicKey) };
}

const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang'];
const GIVEN = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Jun', 'Xiu'];

export type DevnetHousehold = {
  index: number;
  name: string;
  pv: boolean;
  panelKwp: number;
  key: DevnetKey;
  meterId: string;
  meterKey: DevnetKey;
};

/** Household i (from 1): a name, PV on every odd one with a 3.0-7.9 kWp panel. */
export function devnetHouseholds(count = DEVNET_HOUSEHOLDS): DevnetHousehold[] {
  return Array.from({ length: count }, (_, k) => {
    const index = k + 1;
    const pv = index % 2 === 1;
    return {
      index,
      name: `${SURNAMES[k % 8]} ${GIVEN[Math.floor(k / 8) % 8]}`,
      pv,
      panelKwp: pv ? 3 + ((index * 37) % 50) / 10 : 0,
      key: devnetKey(`household/${index}`),
      meterId: `LH-${String(index).padStart(4, '0')}`,
      meterKey: devnetKey(`meter/${index}`),
    };
  });
}

export const devnetKeys = () => ({
  genesis: devnetKey('genesis'),
  grid: devnetKey('grid'),
  validators: Array.from({ length: DEVNET_VALIDATORS }, (_, i) => devnetKey(`validator/${i}`)),
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The genesis file's JSON. */
export function devnetGenesis(households: readonly DevnetHousehold[]): unknown {
  const keys = devnetKeys();
  return {
    chainId: DEVNET_CHAIN_ID,
    hash: 'sha256',
    timeMs: GENESIS_TIME_MS,
    genesisAccount: { publicKey: hex(keys.genesis.publicKey) },
    validators: keys.validators.map((v) => ({ publicKey: hex(v.publicKey) })),
    grids: [
      {
        publicKey: hex(keys.grid.publicKey),
        realName: 'Lianhua Grid Co.',
        energyWh: GRID_ENERGY_WH,
        moneyFen: GRID_MONEY_FEN,
      },
    ],
    energyContract: { grid: hex(keys.grid.publicKey) },
    households: households.map((h) => ({
      publicKey: hex(h.key.publicKey),
      realName: h.name,
      grid: hex(keys.grid.publicKey),
      energyWh: HOUSEHOLD_ENERGY_WH,
      moneyFen: HOUSEHOLD_MONEY_FEN,
      meter: {
        meterId: h.meterId,
        publicKey: hex(h.meterKey.publicKey),
        triggerWh: DEVNET_TRIGGER_WH,
      },
    })),
  };
}

/**
 * Validator i's config file (paths relative to its folder, data/node-<i>/). Validator i listens
 * on TCP port `basePort + i`, WebSocket port `basePort + 100 + i` (27001... and 27101...), and
 * serves its HTTP API on `basePort + 200 + i` (27201...) and WebRTC-direct on UDP `basePort + 400 + i`.
 */
export function devnetNodeConfig(
  i: number,
  peerIdOf: (publicKey: Uint8Array) => string,
  basePort = FIRST_TCP_PORT,
): unknown {
  const keys = devnetKeys();
  const tcpPort = (j: number): number => basePort + j;
  const wsPort = (j: number): number => basePort + (FIRST_WS_PORT - FIRST_TCP_PORT) + j;
  return {
    db: { path: 'chain' },
    validation: { keyFile: 'validator.key' },
    p2p: {
      listen: {
        tcp: `/ip4/127.0.0.1/tcp/${tcpPort(i)}`,
        ws: `/ip4/127.0.0.1/tcp/${wsPort(i)}/ws`,
        // Browsers' light clients; the certhash is new at every start (the ready line has it).
        webrtcDirect: `/ip4/127.0.0.1/udp/${basePort + (FIRST_WEBRTC_PORT - FIRST_TCP_PORT) + i}/webrtc-direct`,
      },
      peers: keys.validators.flatMap((v, j) =>
        j === i ? [] : [`/ip4/127.0.0.1/tcp/${tcpPort(j)}/p2p/${peerIdOf(v.publicKey)}`],
      ),
    },
    // The progress timeout runs from the last commit, and an idle primary waits blockIntervalMs
    // before it proposes an empty block: the timeout must leave room for that wait, or every
    // idle block ends in a view change.
    consensus: { baseTimeoutMs: 3000, maxTimeoutMs: 12_000, checkpointInterval: 16 },
    webserver: { listen: `127.0.0.1:${basePort + (FIRST_API_PORT - FIRST_TCP_PORT) + i}` },
    monitor: { listen: `127.0.0.1:${basePort + (FIRST_MONITOR_PORT - FIRST_TCP_PORT) + i}` },
    ledger: { genesisFile: '../genesis.json', maxBlockTransactions: 5000, blockIntervalMs: 1000 },
    // The validators' output is devnet's progress report; their log goes to node-<i>/node.log.
    logger: { level: 'info', output: 'file', file: 'node.log' },
  };
}
