// The parameters of the chain's rules that the genesis fixes.
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';
import type { ValidatorEntry } from '../../light-client/verify/index.ts';

export type ChainRules = {
  chainId: string;
  hash: HashAlgorithm;
  /** The code of the energy credit (Wh) each grid issues; a household's supply follows it. */
  energyCode: string;
  /** The code of the prepaid money credit (fen). */
  moneyCode: string;
  /**
   * The energy contract deployed in the genesis, if any: its address and the grid account
   * whose credit it sells and pays out (its treasury, ADR 0010). Meter readings settle there.
   */
  energyContract?: { address: Uint8Array; grid: Uint8Array } | undefined;
  /**
   * The genesis file's validators and the genesis account, which keeps the schedule of later
   * sets (validator-schedule.ts). Without them SET_VALIDATORS is refused.
   */
  validators?:
    | { genesisAccount: Uint8Array; genesisValidators: readonly ValidatorEntry[] }
    | undefined;
};

/** Gas each meter settlement (the energy contract's `system_meter_reading`) may use. */
export const METER_SETTLEMENT_GAS = 1_000_000n;

export const DEFAULT_ASSET_CODES = { energyCode: 'kWh', moneyCode: 'CNY' } as const;

export const U64_MAX = 2n ** 64n - 1n;
