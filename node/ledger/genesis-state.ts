// The state of height 0: the genesis file's accounts and, when it names one, the energy contract
// installed with its `init` run (its input: the treasury grid's address).
import { toHex } from './account-record.ts';
import type { ChainRules } from './chain-rules.ts';
import { type Genesis, genesisAccounts } from './genesis.ts';
import { emptyEffects } from './operations/context.ts';
import { installContract } from './operations/contracts.ts';
import { createWorldState, type WorldState } from './world-state.ts';

/** Gas the genesis contracts' `init` may use. */
const GENESIS_INIT_GAS = 10_000_000n;

export function genesisState(
  genesis: Genesis,
  rules: ChainRules,
  contracts: { energyWasm?: Uint8Array | undefined },
): WorldState {
  const accounts = genesisAccounts(genesis);
  const state = createWorldState({ accounts: [] });
  for (const record of accounts) state.create(record);
  const energy = rules.energyContract;
  if (!energy) return state;
  if (!contracts.energyWasm)
    throw new TypeError('the genesis names an energy contract: pass its code');
  const creator = accounts.find((a) => toHex(a.address) === toHex(energy.grid));
  if (!creator) throw new TypeError('the energy contract’s grid is not a genesis account');
  installContract(
    {
      state,
      source: creator,
      height: 0n,
      timeMs: BigInt(genesis.timeMs),
      rules,
      addressOf: () => {
        throw new Error('no keys at the genesis');
      },
      transactionHash: new Uint8Array(0),
      signerAddresses: [],
      operationIndex: 0,
      effects: emptyEffects(GENESIS_INIT_GAS),
    },
    {
      address: energy.address,
      code: contracts.energyWasm,
      initInput: energy.grid,
      creator: energy.grid,
    },
  );
  return state;
}
