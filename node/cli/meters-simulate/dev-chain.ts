// The dev chain of `pvchain meters simulate`: a one-validator chain whose genesis gives a grid
// the paper's 10,000,000 kWh and deploys the energy contract with it as treasury. Every key is
// SHA-256 of a public label (the chain's own keys) or of a label and the seed (households and
// meters): anyone can recompute them, which is what a dev chain is for and why it must never
// hold anything real.
import {
  addressBytesFromPublicKey,
  getPublicKey,
  sha256,
} from '../../../assembly/bindings/crypto.node.ts';
import { type Genesis, parseGenesis } from '../../ledger/genesis.ts';
import { DEFAULT_NODE_SETTINGS, type NodeConfig } from '../../node.ts';

export const DEV_CHAIN_ID = 'pvchain-dev';
export const DEFAULT_DATA_DIR = '.pvchain-dev';
export const DEFAULT_HOUSEHOLDS = 8;
export const DEFAULT_SEED = 2;
export const DEFAULT_DATE = '2025-06-21';
/** Small enough that a day of rooftop PV triggers trades (the contract's own default is 100). */
export const DEFAULT_TRIGGER_KWH = 5;
/** About a day of an ordinary household's use: some run out in the evening of the first day. */
export const DEFAULT_CREDIT_KWH = 15;
/** The paper's grid: 10,000,000 kWh, in Wh. */
export const GRID_ENERGY_WH = 10_000_000_000;
export const GRID_MONEY_FEN = 1_000_000_000;
/** 2025-01-01T00:00:00Z. */
const GENESIS_TIME_MS = 1_735_689_600_000;

export type DevKey = { secretKey: Uint8Array; publicKey: Uint8Array; address: Uint8Array };

/** The dev key named `label`: its secret key is SHA-256("pvchain-dev/" + label). */
export function devKey(label: string): DevKey {
  const secretKey = sha256(new TextEncoder().encode(`${DEV_CHAIN_ID}/${label}`));
  const publicKey = getPublicKey(secretKey);
  return { secretKey, publicKey, address: addressBytesFromPublicKey(publicKey) };
}

export const devKeys = () => ({
  genesis: devKey('genesis'),
  validator: devKey('validator'),
  grid: devKey('grid'),
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function devGenesis(): Genesis {
  const keys = devKeys();
  return parseGenesis(
    JSON.stringify({
      chainId: DEV_CHAIN_ID,
      hash: 'sha256',
      timeMs: GENESIS_TIME_MS,
      genesisAccount: { publicKey: hex(keys.genesis.publicKey) },
      validators: [{ publicKey: hex(keys.validator.publicKey) }],
      grids: [
        {
          publicKey: hex(keys.grid.publicKey),
          realName: 'Dev Grid Co.',
          energyWh: GRID_ENERGY_WH,
          moneyFen: GRID_MONEY_FEN,
        },
      ],
      energyContract: { grid: hex(keys.grid.publicKey) },
    }),
  );
}

/** The solo validator of the dev chain at `dataDir`. */
export function devNodeConfig(dataDir: string): NodeConfig {
  return {
    ...DEFAULT_NODE_SETTINGS,
    dataDir,
    genesis: devGenesis(),
    validatorSecretKey: devKeys().validator.secretKey,
    // A block follows every submission; signatures are few (one per relay transaction).
    verifyWorkers: 0,
  };
}
