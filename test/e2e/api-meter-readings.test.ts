// Meter readings through the node's API (a solo validator on real LevelDB, real HTTP on
// 127.0.0.1), every answer checked against the OpenAPI document: an account's meter shows its last
// reading with generatedWh next to exportedWh and importedWh; a relayed reading shows its
// generatedWh in the transaction, an older meter's reading without the field shows none and its
// account view 0; a reading whose generation falls fails with METER_REGISTER_DECREASED.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { type ReadingToSign, signMeterReading } from '../../node/meters/simulator/index.ts';
import { pvchain } from '../../proto/index.ts';
import {
  address,
  CHAIN_ID,
  energyOp,
  GRID,
  hex,
  household,
  meterKey,
  op,
  secretKey,
  signedTransaction,
} from '../support/community.ts';
import { type ApiHarness, startApiNode } from '../unit/node/api/api-harness.ts';

const PV_HOME = household(1);
const OLD_HOME = household(2);
const TIME_MS = 1_750_000_000_000;

let api: ApiHarness;
let gridNonce = 0n;

/** Commits one transaction of the grid's ('failed' is committed too); its hash and result code. */
async function fromGrid(ops: pvchain.v1.Operation.$Properties[]) {
  const answer = await api.post('/v1/transactions', '/v1/transactions?wait=committed', {
    transactions: [hex(signedTransaction(GRID, ++gridNonce, ops))],
  });
  assert.equal(answer.status, 200);
  const [result] = answer.body.results;
  assert.match(result.status, /^(committed|failed)$/, JSON.stringify(result));
  return { hash: result.hash as string, result: result.result as string };
}

/** Meter `n`'s signed reading, relayed by the grid. */
const relay = (meterId: string, n: number, reading: Omit<ReadingToSign, 'meterId' | 'timeMs'>) =>
  fromGrid([
    {
      type: pvchain.v1.OperationType.OPERATION_TYPE_METER_READING,
      meterReading: {
        readings: [
          signMeterReading(
            CHAIN_ID,
            { meterId, timeMs: TIME_MS + reading.sequence * 900_000, ...reading },
            secretKey(meterKey(n)),
          ),
        ],
      },
    },
  ]);

async function lastReading(home: number) {
  const answer = await api.get('/v1/accounts/{address}', `/v1/accounts/${hex(address(home))}`);
  assert.equal(answer.status, 200);
  return answer.body.account.meters[0].lastReading;
}

async function relayedReading(hash: string) {
  const answer = await api.get('/v1/transactions/{hash}', `/v1/transactions/${hash}`);
  assert.equal(answer.status, 200);
  return answer.body.transaction.operations[0].meterReading.readings[0].reading;
}

before(async () => {
  api = await startApiNode();
  const setUp = await fromGrid([
    op.createHousehold(PV_HOME),
    op.createHousehold(OLD_HOME),
    op.pay(PV_HOME, 'kWh', 100_000n),
    op.pay(OLD_HOME, 'kWh', 100_000n),
    energyOp.registerMeter('MTR-PV', 1, PV_HOME),
    energyOp.registerMeter('MTR-OLD', 2, OLD_HOME),
  ]);
  assert.equal(setUp.result, 'RESULT_CODE_OK');
});
after(() => api?.stop());

it('shows a meter with no reading yet as null', async () => {
  assert.equal(await lastReading(PV_HOME), null);
});

it('shows generatedWh in the relayed reading and in the meter’s last reading', async () => {
  const { hash, result } = await relay('MTR-PV', 1, {
    sequence: 1,
    exportedWh: 400,
    importedWh: 50,
    generatedWh: 1_250,
  });
  assert.equal(result, 'RESULT_CODE_OK');
  assert.deepEqual(await lastReading(PV_HOME), {
    sequence: '1',
    timeMs: String(TIME_MS + 900_000),
    exportedWh: '400',
    importedWh: '50',
    generatedWh: '1250',
  });
  const reading = await relayedReading(hash);
  assert.equal(reading.meterId, 'MTR-PV');
  assert.equal(reading.exportedWh, '400');
  assert.equal(reading.generatedWh, '1250');
});

it('shows an older meter’s reading without generation as 0 generatedWh', async () => {
  const { hash, result } = await relay('MTR-OLD', 2, {
    sequence: 1,
    exportedWh: 0,
    importedWh: 700,
  });
  assert.equal(result, 'RESULT_CODE_OK');
  assert.equal((await lastReading(OLD_HOME)).generatedWh, '0');
  const reading = await relayedReading(hash);
  assert.equal(reading.importedWh, '700');
  assert.equal('generatedWh' in reading, false, 'the field was not in the signed reading');
});

it('fails a reading whose generation falls, with METER_REGISTER_DECREASED', async () => {
  const { result } = await relay('MTR-PV', 1, {
    sequence: 2,
    exportedWh: 500,
    importedWh: 60,
    generatedWh: 1_000,
  });
  assert.equal(result, 'RESULT_CODE_METER_REGISTER_DECREASED');
  assert.equal((await lastReading(PV_HOME)).generatedWh, '1250');
});
