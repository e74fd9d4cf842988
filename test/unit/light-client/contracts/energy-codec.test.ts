import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeEnergyConfig,
  decodeEnergyEvent,
  decodeEnergyOffer,
  decodeEnergyOutput,
  decodeMeterSettlement,
  ENERGY_METHODS,
  type EnergyCall,
  encodeEnergyCall,
  encodeEnergyConfig,
  encodeEnergyOffer,
  energyStorageKeys,
} from '../../../../light-client/contracts/energy/index.ts';

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string): Uint8Array =>
  Uint8Array.from(text.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const A = new Uint8Array(23).fill(0xaa);
const B = new Uint8Array(23).fill(0xbb);
const AH = 'aa'.repeat(23);
const BH = 'bb'.repeat(23);

describe('energy codec: inputs', () => {
  const cases: [EnergyCall, string][] = [
    [{ method: 'init', grid: A }, AH],
    [{ method: 'buy_from_grid', amountWh: 1_000n }, 'e803000000000000'],
    [{ method: 'sell_to_grid', amountWh: 1n }, '0100000000000000'],
    [
      { method: 'post_offer', amountWh: 5_000n, priceFenPerKwh: 45n },
      '88130000000000002d00000000000000',
    ],
    [{ method: 'cancel_offer', offerId: 2n }, '0200000000000000'],
    [{ method: 'buy_offer', offerId: 1n, amountWh: 256n }, '01000000000000000001000000000000'],
    [{ method: 'set_retail_tariff', fenPerKwh: 50n }, '3200000000000000'],
    [{ method: 'set_feed_in_tariff', fenPerKwh: 40n }, '2800000000000000'],
    [{ method: 'set_grid_fee', fenPerKwh: 5n }, '0500000000000000'],
    [{ method: 'set_trigger', triggerWh: 100_000n }, 'a086010000000000'],
    [{ method: 'get_config' }, ''],
    [{ method: 'get_offer', offerId: (1n << 64n) - 1n }, 'ffffffffffffffff'],
    [{ method: 'system_meter_reading', meterId: 'MTR-Ä' }, hex(ascii('MTR-Ä'))],
  ];
  it('encodes every method little-endian, fields in order', () => {
    assert.deepEqual(cases.map(([call]) => call.method).sort(), [...ENERGY_METHODS].sort());
    for (const [call, expected] of cases) {
      const { entry, input } = encodeEnergyCall(call);
      assert.equal(entry, call.method);
      assert.equal(hex(input), expected, call.method);
    }
  });

  it('refuses fields out of range', () => {
    assert.throws(() => encodeEnergyCall({ method: 'buy_from_grid', amountWh: -1n }), RangeError);
    assert.throws(
      () => encodeEnergyCall({ method: 'buy_from_grid', amountWh: 1n << 64n }),
      RangeError,
    );
    assert.throws(() => encodeEnergyCall({ method: 'init', grid: new Uint8Array(22) }), RangeError);
    assert.throws(
      () => encodeEnergyCall({ method: 'system_meter_reading', meterId: '' }),
      RangeError,
    );
    assert.throws(
      () => encodeEnergyCall({ method: 'system_meter_reading', meterId: 'm'.repeat(64) }),
      RangeError,
    );
    assert.throws(() => encodeEnergyCall({ method: 'nope' } as unknown as EnergyCall), TypeError);
  });
});

describe('energy codec: outputs and records', () => {
  it('decodes outputs', () => {
    assert.deepEqual(decodeEnergyOutput('buy_from_grid', fromHex('e803000000000000')), {
      paidFen: 1_000n,
    });
    assert.deepEqual(decodeEnergyOutput('sell_to_grid', fromHex('0100000000000000')), {
      receivedFen: 1n,
    });
    assert.deepEqual(decodeEnergyOutput('post_offer', fromHex('0700000000000000')), {
      offerId: 7n,
    });
    assert.deepEqual(decodeEnergyOutput('buy_offer', fromHex('5a000000000000000a00000000000000')), {
      paidFen: 90n,
      feeFen: 10n,
    });
    assert.throws(() => decodeEnergyOutput('post_offer', new Uint8Array(7)), RangeError);
    assert.throws(() => decodeEnergyOutput('post_offer', new Uint8Array(9)), RangeError);
  });

  it('round-trips the configuration and offer records', () => {
    const config = { grid: A, retailTariff: 50n, feedInTariff: 40n, gridFee: 5n, triggerWh: 1n };
    const bytes = encodeEnergyConfig(config);
    assert.equal(bytes.length, 55);
    assert.equal(
      hex(bytes),
      `${AH}320000000000000028000000000000000500000000000000${'0100000000000000'}`,
    );
    assert.deepEqual(decodeEnergyConfig(bytes), config);
    assert.deepEqual(decodeEnergyOutput('get_config', bytes), config);
    const offer = { seller: B, remainingWh: 3_000n, priceFenPerKwh: 45n };
    const record = encodeEnergyOffer(offer);
    assert.equal(hex(record), `${BH}b80b0000000000002d00000000000000`);
    assert.deepEqual(decodeEnergyOffer(record), offer);
    assert.deepEqual(decodeEnergyOutput('get_offer', record), offer);
    assert.throws(() => decodeEnergyOffer(record.subarray(1)), RangeError);
    assert.deepEqual(decodeMeterSettlement(fromHex('a0860100000000000a00000000000000')), {
      settledExportWh: 100_000n,
      unpaidWh: 10n,
    });
  });

  it('gives the storage keys', () => {
    assert.equal(hex(energyStorageKeys.config()), '63');
    assert.equal(hex(energyStorageKeys.nextOfferId()), '6e');
    assert.equal(hex(energyStorageKeys.offer(258n)), '6f0000000000000102');
    assert.equal(hex(energyStorageKeys.meterSettlement('M1')), '6d4d31');
  });
});

describe('energy codec: events', () => {
  const event = (topic: string, data: string) => ({ topic: ascii(topic), data: fromHex(data) });

  it('decodes every topic', () => {
    const u = (n: number) => {
      const bytes = new Uint8Array(8);
      new DataView(bytes.buffer).setBigUint64(0, BigInt(n), true);
      return hex(bytes);
    };
    const cases: [string, string, object][] = [
      ['grid_sale', AH + u(20_000) + u(1_000), { buyer: A, amountWh: 20_000n, paidFen: 1_000n }],
      ['grid_purchase', AH + u(9) + u(0), { seller: A, amountWh: 9n, receivedFen: 0n }],
      [
        'offer_posted',
        u(1) + AH + u(5_000) + u(45),
        { offerId: 1n, seller: A, amountWh: 5_000n, priceFenPerKwh: 45n },
      ],
      ['offer_cancelled', u(1) + AH + u(3), { offerId: 1n, seller: A, returnedWh: 3n }],
      [
        'trade',
        u(1) + AH + BH + u(2_000) + u(90) + u(10),
        { offerId: 1n, seller: A, buyer: B, amountWh: 2_000n, paidFen: 90n, feeFen: 10n },
      ],
      [
        'triggered_trade',
        AH + u(200_000) + u(2) + hex(ascii('MTR-A')),
        { household: A, amountWh: 200_000n, triggers: 2n, meterId: 'MTR-A' },
      ],
      ['supply_cut', AH + hex(ascii('MTR-A')), { household: A, meterId: 'MTR-A' }],
      ['supply_restored', AH, { household: A }],
      ['retail_tariff', u(50) + u(61), { oldValue: 50n, newValue: 61n }],
      ['feed_in_tariff', u(40) + u(41), { oldValue: 40n, newValue: 41n }],
      ['grid_fee', u(5) + u(0), { oldValue: 5n, newValue: 0n }],
      ['trigger', u(100_000) + u(1), { oldValue: 100_000n, newValue: 1n }],
    ];
    for (const [topic, data, fields] of cases)
      assert.deepEqual(decodeEnergyEvent(event(topic, data)), { type: topic, ...fields }, topic);
  });

  it('refuses an unknown topic and data of the wrong size', () => {
    assert.throws(() => decodeEnergyEvent(event('incremented', '')), TypeError);
    assert.throws(() => decodeEnergyEvent(event('supply_restored', AH.slice(2))), RangeError);
    assert.throws(() => decodeEnergyEvent(event('supply_restored', `${AH}00`)), RangeError);
    assert.throws(() => decodeEnergyEvent(event('supply_cut', `${AH}ff`)), TypeError);
  });
});
