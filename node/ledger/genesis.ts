// The genesis file: the chain's id and hash, its genesis account and its first validators.
// Validated field by field; an error names the field and what was expected.
import { z } from 'zod';
import { pvchain } from '../../proto/index.ts';
import { type AccountRecord, createAccountRecord } from './account-record.ts';
import { type ChainRules, DEFAULT_ASSET_CODES } from './chain-rules.ts';

const hex32 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected 32 bytes as 64 lowercase hex characters')
  .transform((hex) => new Uint8Array(Buffer.from(hex, 'hex')));

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
  })
  .strict();

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
  return { chainId: genesis.chainId, hash: genesis.hash, ...genesis.assets };
}

/** The accounts the chain starts with: the genesis account, which creates the grids. */
export function genesisAccounts(
  genesis: Genesis,
  addressOf: (publicKey: Uint8Array) => Uint8Array,
): AccountRecord[] {
  return [
    createAccountRecord({
      address: addressOf(genesis.genesisAccount.publicKey),
      role: pvchain.v1.AccountRole.ACCOUNT_ROLE_GENESIS,
    }),
  ];
}
