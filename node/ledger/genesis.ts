// The genesis file: the chain's id and hash, its genesis account, its first validators, the grids
// it starts with and the energy contract.
// Validated field by field; an error names the field and what was expected.
import { z } from 'zod';
import { addressBytesFromPublicKey } from '../../assembly/bindings/crypto.ts';
import { pvchain } from '../../proto/index.ts';
import { type AccountRecord, assetKey, createAccountRecord, toHex } from './account-record.ts';
import { type ChainRules, DEFAULT_ASSET_CODES } from './chain-rules.ts';
import { genesisContractAddress } from './contracts/contract-address.ts';

const hex32 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected 32 bytes as 64 lowercase hex characters')
  .transform((hex) => new Uint8Array(Buffer.from(hex, 'hex')));

const amount = z
  .number()
  .int()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .transform((n) => BigInt(n));

const assetCode = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9]{0,11}$/,
    'expected 1 to 12 letters or digits, starting with a letter',
  );

export const genesisSchema = z
  .object({
    chainId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'expected 3 to 64 lowercase letters, digits or dashes'),
    hash: z.enum(['sha256', 'sm3']).default('sha256'),
    timeMs: z.number().int().nonnegative(),
    genesisAccount: z.object({ publicKey: hex32 }).strict(),
    validators: z
      .array(z.object({ publicKey: hex32, power: z.number().int().positive().default(1) }).strict())
      .min(1, 'expected at least one validator'),
    assets: z
      .object({ energyCode: assetCode, moneyCode: assetCode })
      .strict()
      .default(DEFAULT_ASSET_CODES),
    grids: z
      .array(
        z
          .object({
            publicKey: hex32,
            realName: z.string().min(1).max(64),
            /** Energy credit the grid issues itself at the start, in Wh. */
            energyWh: amount.default(0n),
            /** Money credit the grid issues itself at the start, in fen. */
            moneyFen: amount.default(0n),
          })
          .strict(),
      )
      .default([]),
    /** The energy contract, deployed at the genesis with this grid as its treasury. */
    energyContract: z.object({ grid: hex32 }).strict().optional(),
    /** Households the chain starts with, created by their grid, credit paid out of the grid's. */
    households: z
      .array(
        z
          .object({
            publicKey: hex32,
            realName: z.string().min(1).max(64),
            grid: hex32,
            energyWh: amount.default(0n),
            moneyFen: amount.default(0n),
            meter: z
              .object({
                meterId: z
                  .string()
                  .regex(/^[\x21-\x7e]{1,63}$/, 'expected 1 to 63 printable ASCII characters'),
                publicKey: hex32,
                triggerWh: amount.default(0n),
              })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((g, ctx) => {
    const grids = new Set(g.grids.map((grid) => Buffer.from(grid.publicKey).toString('hex')));
    if (grids.size !== g.grids.length)
      ctx.addIssue({ code: 'custom', path: ['grids'], message: 'a grid is listed twice' });
    if (g.energyContract && !grids.has(Buffer.from(g.energyContract.grid).toString('hex')))
      ctx.addIssue({
        code: 'custom',
        path: ['energyContract', 'grid'],
        message: 'expected the public key of a grid listed in grids',
      });
    const keys = new Set(grids);
    const meters = new Set<string>();
    g.households.forEach((h, i) => {
      const key = Buffer.from(h.publicKey).toString('hex');
      if (keys.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['households', i, 'publicKey'],
          message: 'a key listed twice',
        });
      keys.add(key);
      if (!grids.has(Buffer.from(h.grid).toString('hex')))
        ctx.addIssue({
          code: 'custom',
          path: ['households', i, 'grid'],
          message: 'expected a grid listed in grids',
        });
      if (h.meter && meters.has(h.meter.meterId))
        ctx.addIssue({
          code: 'custom',
          path: ['households', i, 'meter', 'meterId'],
          message: 'a meter id listed twice',
        });
      if (h.meter) meters.add(h.meter.meterId);
    });
    for (const grid of g.grids) {
      const mine = g.households.filter((h) => Buffer.compare(h.grid, grid.publicKey) === 0);
      const energy = mine.reduce((n, h) => n + h.energyWh, 0n);
      const money = mine.reduce((n, h) => n + h.moneyFen, 0n);
      if (energy > grid.energyWh || money > grid.moneyFen)
        ctx.addIssue({
          code: 'custom',
          path: ['households'],
          message: `more credit than grid ${grid.realName} issued`,
        });
    }
  });

export type Genesis = z.output<typeof genesisSchema>;

export class GenesisError extends Error {
  readonly code = 'GENESIS_INVALID' as const;
  readonly issues: { field: string; message: string }[];
  constructor(issues: { field: string; message: string }[]) {
    super(`invalid genesis: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.name = 'GenesisError';
    this.issues = issues;
  }
}

/** Parses and validates a genesis file's text. */
export function parseGenesis(text: string): Genesis {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GenesisError([{ field: '(file)', message: `not JSON: ${(error as Error).message}` }]);
  }
  const result = genesisSchema.safeParse(json);
  if (!result.success) {
    throw new GenesisError(
      result.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message })),
    );
  }
  return result.data;
}

export function chainRulesOf(genesis: Genesis): ChainRules {
  const energy = genesis.energyContract;
  return {
    chainId: genesis.chainId,
    hash: genesis.hash,
    ...genesis.assets,
    energyContract: energy && {
      address: genesisContractAddress(genesis.hash, genesis.chainId, 'energy'),
      grid: addressBytesFromPublicKey(energy.grid),
    },
    validators: {
      genesisAccount: addressBytesFromPublicKey(genesis.genesisAccount.publicKey),
      genesisValidators: genesisValidators(genesis),
    },
  };
}

/** The validators the genesis file names: the set that signs from height 1. */
export function genesisValidators(genesis: Genesis) {
  return genesis.validators.map((v) => ({
    address: addressBytesFromPublicKey(v.publicKey),
    publicKey: v.publicKey,
    votingPower: BigInt(v.power),
  }));
}

/**
 * The accounts the chain starts with: the genesis account, which creates further grids; the grids
 * the genesis lists, each holding the credit it issued itself; and their households, with their
 * meters and the credit their grid paid them.
 */
export function genesisAccounts(genesis: Genesis): AccountRecord[] {
  const genesisAccount = createAccountRecord({
    address: addressBytesFromPublicKey(genesis.genesisAccount.publicKey),
    role: pvchain.v1.AccountRole.ACCOUNT_ROLE_GENESIS,
  });
  const grids = genesis.grids.map((grid) => {
    const address = addressBytesFromPublicKey(grid.publicKey);
    const record = createAccountRecord({
      address,
      role: pvchain.v1.AccountRole.ACCOUNT_ROLE_GRID,
      realName: grid.realName,
      creator: genesisAccount.address,
    });
    const issued: [string, bigint][] = [
      [genesis.assets.energyCode, grid.energyWh],
      [genesis.assets.moneyCode, grid.moneyFen],
    ];
    for (const [code, amount] of issued)
      if (amount > 0n) record.balances.set(assetKey(address, code), amount);
    return record;
  });
  const gridOf = new Map(grids.map((g) => [toHex(g.address), g]));
  const households = genesis.households.map((h) => {
    const address = addressBytesFromPublicKey(h.publicKey);
    const grid = gridOf.get(toHex(addressBytesFromPublicKey(h.grid))) as AccountRecord;
    const record = createAccountRecord({
      address,
      role: pvchain.v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD,
      realName: h.realName,
      creator: grid.address,
    });
    const credits: [string, bigint][] = [
      [genesis.assets.energyCode, h.energyWh],
      [genesis.assets.moneyCode, h.moneyFen],
    ];
    for (const [code, amount] of credits) {
      if (amount === 0n) continue;
      const key = assetKey(grid.address, code);
      grid.balances.set(key, (grid.balances.get(key) ?? 0n) - amount);
      record.balances.set(key, amount);
    }
    for (const [key, amount] of grid.balances) if (amount === 0n) grid.balances.delete(key);
    if (h.energyWh > 0n) record.supplyStatus = pvchain.v1.SupplyStatus.SUPPLY_STATUS_ACTIVE;
    if (h.meter)
      record.meters.set(h.meter.meterId, {
        meterId: h.meter.meterId,
        publicKey: h.meter.publicKey,
        household: address,
        registeredBy: grid.address,
        triggerWh: h.meter.triggerWh,
        lastReading: undefined,
        previousImportedWh: 0n,
      });
    return record;
  });
  return [genesisAccount, ...grids, ...households];
}
