// METER_READING and the PV generation register: generated_wh is recorded and persisted with the
// meter, never goes down (METER_REGISTER_DECREASED, like export and import), is not bounded by
// export (a battery may export what the panels did not make just then), and a reading without it
// is the same bytes, and the same signature, as before the field existed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getPublicKey } from '../../../../assembly/bindings/crypto.node.ts';
import { decodeAccount, encodeAccount } from '../../../../node/ledger/account-record.ts';
import {
  type ReadingToSign,
  signMeterReading,
  toMeterReading,
} from '../../../../node/meters/simulator/index.ts';
import { encodeCanonical, pvchain } from '../../../../proto/index.ts';
import { addressOf, CHAIN_ID, key } from '../../light-client/transactions/sample-transactions.ts';
import { createLedger, GENESIS_KEY, Op, ops, resultOf } from './ledger-harness.ts';

const GRID = 10;
const ALICE = 20;
const METER_ID = 'MTR-A';
const METER_KEY = new Uint8Array(32).fill(99);

type Registers = Omit<ReadingToSign, 'meterId' | 'timeMs'>;

/** Genesis, a grid, its household ALICE and ALICE's meter. */
function meteredHousehold() {
  const ledger = createLedger();
  assert.equal(resultOf(ledger.run(GENESIS_KEY, [ops.createGrid(GRID)])), 'RESULT_CODE_OK');
  const registered = ledger.run(GRID, [
    ops.createHousehold(ALICE),
    {
      type: Op.OPERATION_TYPE_REGISTER_METER,
      registerMeter: {
        meterId: METER_ID,
        publicKey: getPublicKey(METER_KEY),
        household: addressOf(key(ALICE)),
      },
    },
  ]);
  assert.equal(resultOf(registered), 'RESULT_CODE_OK');
  return ledger;
}

/** The grid relays ALICE's meter's signed reading; returns the result code. */
function relay(ledger: ReturnType<typeof createLedger>, registers: Registers): string {
  const reading = {
    meterId: METER_ID,
    timeMs: 1_750_000_000_000 + registers.sequence,
    ...registers,
  };
  const signed = signMeterReading(CHAIN_ID, reading, METER_KEY);
  return resultOf(
    ledger.run(GRID, [
      { type: Op.OPERATION_TYPE_METER_READING, meterReading: { readings: [signed] } },
    ]),
  );
}

const lastReading = (ledger: ReturnType<typeof createLedger>) =>
  ledger.account(ALICE)?.meters.get(METER_ID)?.lastReading;

describe('ledger: the meter generation register', () => {
  it('records generated Wh with the reading and keeps it in the stored account', () => {
    const ledger = meteredHousehold();
    assert.equal(
      relay(ledger, { sequence: 1, exportedWh: 400, importedWh: 50, generatedWh: 1_250 }),
      'RESULT_CODE_OK',
    );
    assert.equal(lastReading(ledger)?.generatedWh, 1_250n);
    const account = ledger.account(ALICE);
    assert.ok(account);
    const stored = decodeAccount(encodeAccount(account)).meters.get(METER_ID)?.lastReading;
    assert.deepEqual(stored, {
      sequence: 1n,
      timeMs: 1_750_000_000_001n,
      exportedWh: 400n,
      importedWh: 50n,
      generatedWh: 1_250n,
    });
  });

  it('refuses a reading whose generation went down, with METER_REGISTER_DECREASED', () => {
    const ledger = meteredHousehold();
    relay(ledger, { sequence: 1, exportedWh: 400, importedWh: 50, generatedWh: 1_250 });
    assert.equal(
      relay(ledger, { sequence: 2, exportedWh: 500, importedWh: 60, generatedWh: 1_249 }),
      'RESULT_CODE_METER_REGISTER_DECREASED',
    );
    assert.equal(lastReading(ledger)?.sequence, 1n, 'the refused reading is not recorded');
    assert.equal(lastReading(ledger)?.generatedWh, 1_250n);
    assert.equal(
      relay(ledger, { sequence: 2, exportedWh: 500, importedWh: 60, generatedWh: 1_250 }),
      'RESULT_CODE_OK',
      'an interval without generation keeps the register where it was',
    );
    assert.equal(
      relay(ledger, { sequence: 3, exportedWh: 500, importedWh: 60 }),
      'RESULT_CODE_METER_REGISTER_DECREASED',
      'a reading without the field (0) after one with it is a fall too',
    );
  });

  it('accepts more export than generation in an interval (a battery may feed the grid)', () => {
    const ledger = meteredHousehold();
    relay(ledger, { sequence: 1, exportedWh: 0, importedWh: 0, generatedWh: 100 });
    assert.equal(
      relay(ledger, { sequence: 2, exportedWh: 900, importedWh: 0, generatedWh: 150 }),
      'RESULT_CODE_OK',
    );
    assert.equal(lastReading(ledger)?.exportedWh, 900n);
  });

  it('accepts readings without generation (older meters), and a register starting later', () => {
    const ledger = meteredHousehold();
    assert.equal(relay(ledger, { sequence: 1, exportedWh: 10, importedWh: 20 }), 'RESULT_CODE_OK');
    assert.equal(lastReading(ledger)?.generatedWh, 0n);
    assert.equal(
      relay(ledger, { sequence: 2, exportedWh: 30, importedWh: 20, generatedWh: 35 }),
      'RESULT_CODE_OK',
    );
    assert.equal(lastReading(ledger)?.generatedWh, 35n);
  });

  it('encodes a reading without generation exactly as before the field existed', () => {
    const reading = { meterId: METER_ID, sequence: 7, timeMs: 1_000, exportedWh: 5, importedWh: 9 };
    const without = encodeCanonical(pvchain.v1.MeterReading, toMeterReading(reading));
    const zero = encodeCanonical(
      pvchain.v1.MeterReading,
      toMeterReading({ ...reading, generatedWh: 0 }),
    );
    // Fields 1-5 only: meter_id, sequence, time_ms, exported_wh, imported_wh.
    const before = Buffer.concat([
      Buffer.from([0x0a, METER_ID.length]),
      Buffer.from(METER_ID),
      Buffer.from([0x10, 7, 0x18, 0xe8, 0x07, 0x20, 5, 0x28, 9]),
    ]);
    assert.deepEqual(Buffer.from(without), before);
    assert.deepEqual(Buffer.from(zero), before);
    const withGeneration = encodeCanonical(
      pvchain.v1.MeterReading,
      toMeterReading({ ...reading, generatedWh: 3 }),
    );
    assert.deepEqual(Buffer.from(withGeneration), Buffer.concat([before, Buffer.from([0x30, 3])]));
  });
});
