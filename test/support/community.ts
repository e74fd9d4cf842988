// Signed transactions for a small community on a test chain: the genesis account, a grid and
// households, with real Ed25519 keys derived from numbers.
import { addressBytesFromPublicKey, getPublicKey, sign } from '../../assembly/bindings/crypto.ts';
import { type EnergyCall, encodeEnergyCall } from '../../light-client/contracts/energy/index.ts';
import { parseGenesis } from '../../node/ledger/genesis.ts';
import { DEFAULT_NODE_SETTINGS, type NodeConfig } from '../../node/node.ts';
import { bigintToLong, encodeCanonical, encodeSigningPayload, pvchain } from '../../proto/index.ts';

const v1 = pvchain.v1;
export const Op = v1.OperationType;
export const CHAIN_ID = 'pvchain-test';

export const secretKey = (n: number): Uint8Array => {
  const key = new Uint8Array(32);
  new DataView(key.buffer).setUint32(0, n + 1);
  return key;
};
const publicKeys = new Map<number, Uint8Array>();
export const publicKey = (n: number): Uint8Array => {
  const known = publicKeys.get(n);
  if (known) return known;
  const key = getPublicKey(secretKey(n));
  publicKeys.set(n, key);
  return key;
};
export const address = (n: number): Uint8Array => addressBytesFromPublicKey(publicKey(n));
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export const GENESIS = 0;
export const VALIDATOR = 1;
export const GRID = 2;
/** Household n is key 100 + n. */
export const household = (n: number): number => 100 + n;

/** The grid of the energy genesis starts with the paper's 10,000,000 kWh. */
export const GRID_START_WH = 10_000_000_000n;
export const GRID_START_FEN = 1_000_000_000n;

/**
 * The test chain's genesis; with `energy`, the grid is a genesis account holding
 * GRID_START_WH and GRID_START_FEN, and the energy contract is deployed with it as treasury.
 */
export function testGenesis(hash: 'sha256' | 'sm3' = 'sha256', options: { energy?: boolean } = {}) {
  const energy = options.energy
    ? {
        grids: [
          {
            publicKey: hex(publicKey(GRID)),
            realName: 'Lianhua Grid Co.',
            energyWh: Number(GRID_START_WH),
            moneyFen: Number(GRID_START_FEN),
          },
        ],
        energyContract: { grid: hex(publicKey(GRID)) },
      }
    : {};
  return parseGenesis(
    JSON.stringify({
      chainId: CHAIN_ID,
      hash,
      timeMs: 1_732_400_000_000,
      genesisAccount: { publicKey: hex(publicKey(GENESIS)) },
      validators: [{ publicKey: hex(publicKey(VALIDATOR)) }],
      ...energy,
    }),
  );
}

/** A transaction of account `source` with `nonce`, signed by its master key. */
export function signedTransaction(
  source: number,
  nonce: bigint,
  operations: pvchain.v1.Operation.$Properties[],
  options: { gasLimit?: bigint; signer?: number; cosigners?: number[] } = {},
): Uint8Array {
  const transaction = encodeCanonical(v1.Transaction, {
    chainId: CHAIN_ID,
    source: address(source),
    nonce: bigintToLong(nonce),
    operations,
    gasLimit: bigintToLong(options.gasLimit ?? 0n),
  });
  const payload = encodeSigningPayload(
    v1.SigningDomain.SIGNING_DOMAIN_TRANSACTION,
    CHAIN_ID,
    transaction,
  );
  const signers = [options.signer ?? source, ...(options.cosigners ?? [])];
  return encodeCanonical(v1.SignedTransaction, {
    transaction,
    signatures: signers
      .map((n) => ({ publicKey: publicKey(n), signature: sign(payload, secretKey(n)) }))
      .sort((a, b) => Buffer.compare(a.publicKey, b.publicKey)),
  });
}

export const op = {
  createGrid: (n: number): pvchain.v1.Operation.$Properties => ({
    type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
    createAccount: {
      publicKey: publicKey(n),
      role: v1.AccountRole.ACCOUNT_ROLE_GRID,
      realName: 'Lianhua Grid Co.',
    },
  }),
  createHousehold: (n: number): pvchain.v1.Operation.$Properties => ({
    type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
    createAccount: {
      publicKey: publicKey(n),
      role: v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD,
      realName: `Household ${n}`,
    },
  }),
  issue: (code: string, amount: bigint): pvchain.v1.Operation.$Properties => ({
    type: Op.OPERATION_TYPE_ISSUE_ASSET,
    issueAsset: { code, amount: bigintToLong(amount) },
  }),
  pay: (to: number, code: string, amount: bigint): pvchain.v1.Operation.$Properties => ({
    type: Op.OPERATION_TYPE_PAYMENT,
    payment: {
      destination: address(to),
      asset: { issuer: address(GRID), code },
      amount: bigintToLong(amount),
    },
  }),
};

/** The config of a solo validator of the test chain at `dataDir`, with `overrides`. */
export function soloNodeConfig(
  dataDir: string,
  overrides: Partial<NodeConfig> & { blockIntervalMs?: number } = {},
): NodeConfig {
  const { blockIntervalMs, ...rest } = overrides;
  return {
    ...DEFAULT_NODE_SETTINGS,
    dataDir,
    genesis: testGenesis(),
    validatorSecretKey: secretKey(VALIDATOR),
    solo: { ...DEFAULT_NODE_SETTINGS.solo, ...(blockIntervalMs ? { blockIntervalMs } : {}) },
    ...rest,
  };
}

/** Meter n's key is key 500 + n. */
export const meterKey = (n: number): number => 500 + n;

export const energyOp = {
  /** A call of the energy contract at `contract`, with allowances of the grid's assets. */
  call: (
    contract: Uint8Array,
    call: EnergyCall,
    allowances: { code: string; amount: bigint }[] = [],
  ): pvchain.v1.Operation.$Properties => {
    const { entry, input } = encodeEnergyCall(call);
    return {
      type: Op.OPERATION_TYPE_CALL_CONTRACT,
      callContract: {
        contract,
        method: entry,
        input,
        allowances: [...allowances]
          .sort((a, b) => (a.code < b.code ? -1 : 1))
          .map((a) => ({
            asset: { issuer: address(GRID), code: a.code },
            amount: bigintToLong(a.amount),
          })),
      },
    };
  },
  registerMeter: (meterId: string, meter: number, home: number, triggerWh = 0n) => ({
    type: Op.OPERATION_TYPE_REGISTER_METER,
    registerMeter: {
      meterId,
      publicKey: publicKey(meterKey(meter)),
      household: address(home),
      triggerWh: bigintToLong(triggerWh),
    },
  }),
  /** Readings signed by meter `signer`'s key (another key than the registered one is a forgery). */
  readings: (
    signer: number,
    readings: { meterId: string; sequence: bigint; exportedWh: bigint; importedWh: bigint }[],
  ): pvchain.v1.Operation.$Properties => ({
    type: Op.OPERATION_TYPE_METER_READING,
    meterReading: {
      readings: readings.map((r) => {
        const reading = {
          meterId: r.meterId,
          sequence: bigintToLong(r.sequence),
          timeMs: bigintToLong(1_732_400_000_000n + r.sequence * 900_000n),
          exportedWh: bigintToLong(r.exportedWh),
          importedWh: bigintToLong(r.importedWh),
        };
        const payload = encodeSigningPayload(
          v1.SigningDomain.SIGNING_DOMAIN_METER_READING,
          CHAIN_ID,
          encodeCanonical(v1.MeterReading, reading),
        );
        return { reading, signature: sign(payload, secretKey(signer)) };
      }),
    },
  }),
};
