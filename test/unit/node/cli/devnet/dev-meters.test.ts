// The demo meters run only on the devnet: their keys, and the grid's that relays them, are public.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertDevMetersAllowed } from '../../../../../node/cli/devnet/dev-meters.ts';
import { devnetGenesis, devnetHouseholds } from '../../../../../node/cli/devnet/devnet-plan.ts';
import { parseGenesis } from '../../../../../node/ledger/genesis.ts';
import { testGenesis } from '../../../../support/community.ts';

it('allows the devnet genesis and refuses any other chain', () => {
  const devnet = devnetGenesis(devnetHouseholds()) as Record<string, unknown>;
  assertDevMetersAllowed(parseGenesis(JSON.stringify(devnet)));
  assert.throws(
    () => assertDevMetersAllowed(testGenesis('sha256', { energy: true })),
    /devMeters is for the demo network only .* runs chain pvchain-test/,
  );
  const renamed = parseGenesis(JSON.stringify({ ...devnet, chainId: 'pvchain-prod' }));
  assert.throws(() => assertDevMetersAllowed(renamed), /runs chain pvchain-prod/);
});
