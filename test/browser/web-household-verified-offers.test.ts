// verifyOffers (web/src/household/verified-offers.ts) in Chromium, given the storage reads a light
// client answers: each candidate id is read at key `o` + id; an offer proven absent is dropped;
// seller, Wh and price are the proved record's; a failed read fails the whole list with its code.
import { addressBytesFromPublicKey, formatAddress } from '../../assembly/bindings/crypto.ts';
import { LightClientError } from '../../light-client/client/types.ts';
import {
  encodeEnergyOffer,
  energyStorageKeys,
} from '../../light-client/contracts/energy/energy-records.ts';
import { verifyOffers } from '../../web/src/household/verified-offers.ts';
import { kwhText } from '../../web/src/shared/format.ts';
import { checkEqual, toHex } from '../shared/check.ts';

const seller = addressBytesFromPublicKey(new Uint8Array(32).fill(3));
const stored = new Map([
  [toHex(energyStorageKeys.offer(4n)), { remainingWh: 600n, priceFenPerKwh: 45n }],
  [toHex(energyStorageKeys.offer(9n)), { remainingWh: 2_500n, priceFenPerKwh: 41n }],
]);

/** A verified read of the contract's storage at block 17: the offers in `stored`, else absent. */
async function read(key: Uint8Array) {
  const record = stored.get(toHex(key));
  return {
    contract: new Uint8Array(23),
    key,
    value: record ? encodeEnergyOffer({ seller, ...record }) : null,
    height: 17n,
    headerHash: new Uint8Array(32),
    stateRoot: new Uint8Array(32),
    storageRoot: new Uint8Array(32),
    servedBy: 'node',
    witnessedBy: null,
  };
}

describe('web app: verified offers', () => {
  it('keeps the offers the storage proves, with the proved values, in candidate order', async () => {
    const offers = await verifyOffers([9n, 5n, 4n], read);
    checkEqual(
      offers
        .map((o) => `${o.id} ${o.seller} ${o.amountWh} Wh ${o.priceFenPerKwh} @${o.height}`)
        .join(),
      [
        `9 ${formatAddress(seller)} 2500 Wh 41 @17`,
        `4 ${formatAddress(seller)} 600 Wh 45 @17`,
      ].join(),
      'offer 5 proven absent is dropped',
    );
  });

  it('fails with the light client’s code when a read fails', async () => {
    const failing = async () => {
      throw new LightClientError('LIGHT_BAD_PROOF', 'forged');
    };
    const error = await verifyOffers([4n], failing).then(
      () => null,
      (e: LightClientError) => e,
    );
    checkEqual(error?.code, 'LIGHT_BAD_PROOF', 'the code');
  });

  it('writes Wh as kWh a person types', () => {
    checkEqual([600n, 2_500n, 1n].map(kwhText).join(' '), '0.600 2.500 0.001', 'kWh');
  });
});
