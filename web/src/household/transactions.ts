// The household's transactions: energy contract calls (docs/energy-contract.md) and
// SET_REAL_NAME, signed in the browser (light-client/transactions/sign-transaction.ts) with the
// next nonce of the verified account, submitted through the API with wait=committed.
import type { EnergyCall } from '../../../light-client/contracts/energy/energy-calls.ts';
import { encodeEnergyCall } from '../../../light-client/contracts/energy/energy-calls.ts';
import { signTransaction } from '../../../light-client/transactions/sign-transaction.ts';
import { bigintToLong, pvchain } from '../../../proto/index.ts';
import { ApiError, type SubmitResult } from '../shared/api-client.ts';
import type { AppConfig } from '../shared/config.ts';
import { fromHex, toHex } from '../shared/hex.ts';
import type { HouseholdKey } from './key-store.ts';

const v1 = pvchain.v1;
type Operation = pvchain.v1.Operation.$Properties;

/** Most gas a household's transaction may use: an energy call takes about 15,000 (contracts.md). */
export const GAS_LIMIT = 100_000n;

/** Assets the caller lets the contract move out of its account in this call, by code. */
export type Allowances = Partial<Record<'CNY' | 'kWh', bigint>>;

/** A CALL_CONTRACT of the energy contract; allowances in (grid, code), sorted by code. */
export function energyOperation(
  config: AppConfig,
  grid: string,
  call: EnergyCall,
  allowances: Allowances = {},
): Operation {
  const { entry, input } = encodeEnergyCall(call);
  const issuer = fromHex(grid);
  return {
    type: v1.OperationType.OPERATION_TYPE_CALL_CONTRACT,
    callContract: {
      contract: fromHex(config.energyContract),
      method: entry,
      input,
      allowances: (['CNY', 'kWh'] as const)
        .filter((code) => (allowances[code] ?? 0n) > 0n)
        .map((code) => ({ asset: { issuer, code }, amount: bigintToLong(allowances[code] ?? 0n) })),
    },
  };
}

export const realNameOperation = (realName: string): Operation => ({
  type: v1.OperationType.OPERATION_TYPE_SET_REAL_NAME,
  setRealName: { realName },
});

/**
 * Signs `operations` with `nonce` and waits until they are in a block. Throws an ApiError with the
 * pool's or the receipt's code when they are refused or fail.
 */
export async function submitCommitted(
  config: AppConfig,
  key: HouseholdKey,
  nonce: bigint,
  operations: Operation[],
): Promise<SubmitResult & { height: string }> {
  const signed = signTransaction(config.chainId, key, nonce, operations, { gasLimit: GAS_LIMIT });
  const result = await config.api.submitCommitted(toHex(signed));
  if (result.status !== 'committed' || result.error_code)
    throw new ApiError(result.error_code ?? result.status.toUpperCase(), result.error_desc);
  return { ...result, height: result.height ?? '?' };
}
