// The paper's scenario on a solo validator with real LevelDB files: the grid starts with
// 10,000,000 kWh; a consumer recharges 1,000 kWh; a prosumer's meter passes 100 kWh of export;
// a consumer who uses up its credit is cut; the grid's own key cannot change a household's
// balance; and everything survives a restart.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { decodeEnergyEvent } from '../../light-client/contracts/energy/index.ts';
import { assetKey } from '../../node/ledger/account-record.ts';
import { createNode, type PvchainNode } from '../../node/node.ts';
import { pvchain } from '../../proto/index.ts';
import {
  address,
  energyOp,
  GRID,
  GRID_START_WH,
  household,
  op,
  signedTransaction,
  soloNodeConfig,
  testGenesis,
} from '../support/community.ts';
import { type CommittedTransaction, commit, resultName } from '../support/solo.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const CONSUMER = household(1);
const PROSUMER = household(2);
const FRUGAL = household(3);
const GAS = 1_000_000n;
const kwh = assetKey(address(GRID), 'kWh');
const cny = assetKey(address(GRID), 'CNY');
const { SupplyStatus } = pvchain.v1;

const EMPTY = new Uint8Array(0);
const eventsOf = (committed: CommittedTransaction | undefined) =>
  (committed?.receipt.events ?? []).map((e) =>
    decodeEnergyEvent({ topic: e.topic ?? EMPTY, data: e.data ?? EMPTY }),
  );

async function startNode(dataDir: string): Promise<PvchainNode> {
  const config = soloNodeConfig(dataDir, {
    genesis: testGenesis('sha256', { energy: true }),
    blockIntervalMs: 50,
    verifyWorkers: 0,
  });
  const node = await createNode(config);
  await node.start();
  return node;
}

it('settles the paper’s community: purchases, triggered trades, supply cuts, restart', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pvchain-energy-'));
  dirs.push(dataDir);
  let node = await startNode(dataDir);
  try {
    await scenario();
  } finally {
    await node.stop();
  }

  async function scenario(): Promise<void> {
    const energy = node.rules.energyContract?.address as Uint8Array;
    assert.ok(energy, 'the genesis deploys the energy contract');
    const balance = (n: number, key: string) =>
      node.chain.state().get(address(n))?.balances.get(key) ?? 0n;
    assert.equal(balance(GRID, kwh), GRID_START_WH, 'the grid starts with 10,000,000 kWh');

    // The grid creates three households, tops up their money credit and registers two meters.
    const setUp = await commit(node, [
      signedTransaction(GRID, 1n, [
        ...[CONSUMER, PROSUMER, FRUGAL].map(op.createHousehold),
        op.pay(CONSUMER, 'CNY', 100_000n),
        op.pay(FRUGAL, 'CNY', 1_000n),
        energyOp.registerMeter('MTR-P', 2, PROSUMER),
        energyOp.registerMeter('MTR-F', 3, FRUGAL),
      ]),
    ]);
    assert.equal(resultName(setUp[0]?.receipt as pvchain.v1.Receipt), 'RESULT_CODE_OK');

    // The consumer recharges 1,000 kWh at the retail tariff (50 fen/kWh): 50,000 fen.
    const [recharge] = await commit(node, [
      signedTransaction(
        CONSUMER,
        1n,
        [
          energyOp.call(energy, { method: 'buy_from_grid', amountWh: 1_000_000n }, [
            { code: 'CNY', amount: 50_000n },
          ]),
        ],
        { gasLimit: GAS },
      ),
    ]);
    assert.equal(resultName(recharge?.receipt as pvchain.v1.Receipt), 'RESULT_CODE_OK');
    assert.ok((recharge?.receipt.gasUsed as unknown as bigint) !== undefined);
    assert.equal(balance(CONSUMER, kwh), 1_000_000n, 'the consumer holds 1,000 kWh');
    assert.equal(balance(CONSUMER, cny), 50_000n);
    const events = eventsOf(recharge);
    assert.deepEqual(
      events.map((e) => e.type),
      ['grid_sale', 'supply_restored'],
    );

    // The prosumer's meter passes 100 kWh of export: the contract credits 100 kWh from the grid.
    const [below, above] = await commit(node, [
      signedTransaction(PROSUMER, 1n, [
        energyOp.readings(2 + 500, [
          { meterId: 'MTR-P', sequence: 1n, exportedWh: 60_000n, importedWh: 500n },
        ]),
      ]),
      signedTransaction(PROSUMER, 2n, [
        energyOp.readings(2 + 500, [
          { meterId: 'MTR-P', sequence: 2n, exportedWh: 100_500n, importedWh: 500n },
        ]),
      ]),
    ]);
    assert.equal(resultName(below?.receipt as pvchain.v1.Receipt), 'RESULT_CODE_OK');
    assert.equal(resultName(above?.receipt as pvchain.v1.Receipt), 'RESULT_CODE_OK');
    assert.equal(balance(PROSUMER, kwh), 100_000n, 'the prosumer holds 100 kWh');
    assert.deepEqual(
      eventsOf(above).map((e) => e.type),
      ['triggered_trade', 'supply_restored'],
      'the first reading’s import found no credit (cut); the trade restores the supply',
    );
    // The prosumer's 500 Wh of import could not be debited (no credit yet at the first reading).
    assert.equal(
      balance(GRID, kwh),
      GRID_START_WH - 1_000_000n - 100_000n,
      'the grid paid out exactly the consumer’s 1,000 kWh and the prosumer’s 100 kWh',
    );

    // A frugal consumer buys 10 kWh, then imports 12 kWh: its credit reaches zero, supply is cut.
    const [small, used] = await commit(node, [
      signedTransaction(
        FRUGAL,
        1n,
        [
          energyOp.call(energy, { method: 'buy_from_grid', amountWh: 10_000n }, [
            { code: 'CNY', amount: 500n },
          ]),
        ],
        { gasLimit: GAS },
      ),
      signedTransaction(FRUGAL, 2n, [
        energyOp.readings(3 + 500, [
          { meterId: 'MTR-F', sequence: 1n, exportedWh: 0n, importedWh: 4_000n },
          { meterId: 'MTR-F', sequence: 2n, exportedWh: 0n, importedWh: 12_000n },
        ]),
      ]),
    ]);
    assert.equal(resultName(small?.receipt as pvchain.v1.Receipt), 'RESULT_CODE_OK');
    assert.equal(resultName(used?.receipt as pvchain.v1.Receipt), 'RESULT_CODE_OK');
    assert.equal(balance(FRUGAL, kwh), 0n);
    assert.equal(
      node.chain.state().get(address(FRUGAL))?.supplyStatus,
      SupplyStatus.SUPPLY_STATUS_SUSPENDED,
    );
    assert.ok(eventsOf(used).some((e) => e.type === 'supply_cut'));
    assert.equal(
      balance(GRID, kwh),
      GRID_START_WH - 1_000_000n - 100_000n,
      'imports return to the grid',
    );

    // Meters: a replayed sequence, a falling register, a forged signature, an unknown meter.
    const households = () =>
      [CONSUMER, PROSUMER, FRUGAL].map((n) => [balance(n, kwh), balance(n, cny)]);
    const before = households();
    const attempts = await commit(node, [
      signedTransaction(PROSUMER, 3n, [
        energyOp.readings(502, [
          { meterId: 'MTR-P', sequence: 2n, exportedWh: 300_000n, importedWh: 500n },
        ]),
      ]),
      signedTransaction(PROSUMER, 4n, [
        energyOp.readings(502, [
          { meterId: 'MTR-P', sequence: 3n, exportedWh: 90_000n, importedWh: 500n },
        ]),
      ]),
      signedTransaction(GRID, 2n, [
        energyOp.readings(GRID, [
          { meterId: 'MTR-P', sequence: 9n, exportedWh: 900_000n, importedWh: 500n },
        ]),
      ]),
      signedTransaction(PROSUMER, 5n, [
        energyOp.readings(502, [
          { meterId: 'MTR-X', sequence: 1n, exportedWh: 1n, importedWh: 0n },
        ]),
      ]),
    ]);
    assert.deepEqual(
      attempts.map((a) => resultName(a.receipt)),
      [
        'RESULT_CODE_METER_SEQUENCE_REPLAYED',
        'RESULT_CODE_METER_REGISTER_DECREASED',
        'RESULT_CODE_METER_BAD_SIGNATURE',
        'RESULT_CODE_METER_NOT_FOUND',
      ],
    );

    // The grid's own key cannot move a household's credit: a payment out of the consumer's
    // account signed by the grid is refused at the door, and the contract's ledger-only entry is
    // closed to it.
    const [forged] = await node.submit([
      signedTransaction(CONSUMER, 2n, [op.pay(GRID, 'kWh', 1n)], { signer: GRID }),
    ]);
    assert.equal(forged?.ok, false);
    assert.match(forged && !forged.ok ? forged.code : '', /WEIGHT|SIGNATURE/);
    const [systemCall] = await commit(node, [
      signedTransaction(
        GRID,
        3n,
        [energyOp.call(energy, { method: 'system_meter_reading', meterId: 'MTR-P' })],
        { gasLimit: GAS },
      ),
    ]);
    assert.equal(
      resultName(systemCall?.receipt as pvchain.v1.Receipt),
      'RESULT_CODE_NOT_PERMITTED',
    );
    assert.deepEqual(households(), before, 'no household balance moved');
    assert.equal(
      node.chain.state().get(address(GRID))?.nonce,
      3n,
      'failed calls consume the nonce',
    );

    // Restart: balances, meters and the contract's storage come back from account.db.
    const root = (await node.stateHead())?.root;
    await node.stop();
    node = await startNode(dataDir);
    assert.deepEqual((await node.stateHead())?.root, root);
    assert.deepEqual(households(), before);
    const [later] = await commit(node, [
      signedTransaction(PROSUMER, 6n, [
        energyOp.readings(502, [
          { meterId: 'MTR-P', sequence: 3n, exportedWh: 200_500n, importedWh: 500n },
        ]),
      ]),
    ]);
    assert.equal(resultName(later?.receipt as pvchain.v1.Receipt), 'RESULT_CODE_OK');
    assert.equal(balance(PROSUMER, kwh), 200_000n, 'the settled export was remembered');

    // The grid relays the frugal household's next reading: the household's history names it.
    const [relayed] = await commit(node, [
      signedTransaction(GRID, 4n, [
        energyOp.readings(3 + 500, [
          { meterId: 'MTR-F', sequence: 3n, exportedWh: 0n, importedWh: 12_000n },
        ]),
      ]),
    ]);
    assert.equal(resultName(relayed?.receipt as pvchain.v1.Receipt), 'RESULT_CODE_OK');
    const where = await node.ledger.locate(relayed?.receipt?.transactionHash as Uint8Array);
    const history = await node.ledger.transactionsOf(address(FRUGAL), { limit: 10 });
    assert.ok(
      history.some((t) => t.height === where?.height && t.index === where?.index),
      "a relayed reading is indexed under its meter's household",
    );
  }
});
