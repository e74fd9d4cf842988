// The EVM peer of bench/contracts keeps working: erc20.sol compiles with the installed solc,
// deploys on @ethereumjs/evm, and its transfers return true, move balances and log Transfer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileErc20,
  measureErc20Transfers,
  prepareErc20Peer,
} from '../../../bench/contracts/evm-erc20.ts';

const SUPPLY = 1_000_000n;

describe('bench/contracts EVM ERC-20 peer', { timeout: 30_000 }, () => {
  it('compiles erc20.sol with the standard ERC-20 functions', () => {
    const { bytecode, selectors, solcVersion } = compileErc20();
    assert.match(solcVersion, /^0\.8\./);
    assert.ok(bytecode.length > 500);
    assert.equal(
      Buffer.from(selectors['transfer(address,uint256)'] ?? []).toString('hex'),
      'a9059cbb',
    );
    assert.equal(Buffer.from(selectors['balanceOf(address)'] ?? []).toString('hex'), '70a08231');
  });

  for (const state of ['simple', 'merkle'] as const) {
    it(`transfers from the sender to each recipient of the pool (${state} state)`, async () => {
      const peer = await prepareErc20Peer({ state, recipients: 3, supply: SUPPLY });
      // prepareErc20Peer has already moved 7 units to a check account outside the pool.
      assert.equal(await peer.balanceOf(peer.sender), SUPPLY - 7n);
      for (let i = 0; i < 5; i++) await peer.transfer();
      const [first, second, third] = peer.recipients as [
        (typeof peer.recipients)[0],
        (typeof peer.recipients)[0],
        (typeof peer.recipients)[0],
      ];
      assert.equal(await peer.balanceOf(first), 2n);
      assert.equal(await peer.balanceOf(second), 2n);
      assert.equal(await peer.balanceOf(third), 1n);
      assert.equal(await peer.balanceOf(peer.sender), SUPPLY - 12n);

      const outcome = await peer.transferTo(third, 40n);
      assert.equal(outcome.returned, true);
      assert.equal(outcome.transferLogged, true);
      assert.equal(outcome.logs, 1);
      assert.ok(outcome.gasUsed > 5_000n);
      assert.equal(await peer.balanceOf(third), 41n);
      await assert.rejects(peer.transferTo(first, SUPPLY), /revert/);
      assert.equal(await peer.balanceOf(peer.sender), SUPPLY - 52n);
    });
  }

  it('measures rounds of transfers', async () => {
    const measured = await measureErc20Transfers({ rounds: 3, transfersPerRound: 20 });
    assert.equal(measured.perSecond.length, 3);
    assert.ok(measured.perSecond.every((rate) => rate > 0 && Number.isFinite(rate)));
    assert.match(measured.versions.evm, /^10\./);
  });
});
