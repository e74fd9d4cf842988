// The parameters of the chain's rules that the genesis fixes.
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';

export type ChainRules = {
  chainId: string;
  hash: HashAlgorithm;
  /** The code of the energy credit (Wh) each grid issues; a household's supply follows it. */
  energyCode: string;
  /** The code of the prepaid money credit (fen). */
  moneyCode: string;
};

export const DEFAULT_ASSET_CODES = { energyCode: 'kWh', moneyCode: 'CNY' } as const;

export const U64_MAX = 2n ** 64n - 1n;
