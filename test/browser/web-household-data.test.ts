// What the household view derives from the API's transactions, in Chromium: the open offers
// replayed from the energy contract's events, and the meter's day from cumulative readings.
import { addressBytesFromPublicKey, formatAddress } from '../../assembly/bindings/crypto.ts';
import { openOffers, type Reading } from '../../web/src/household/chain-data.ts';
import { meterDay } from '../../web/src/household/meter-series.ts';
import { checkEqual } from '../shared/check.ts';

const seller = addressBytesFromPublicKey(new Uint8Array(32).fill(1));
const buyer = addressBytesFromPublicKey(new Uint8Array(32).fill(2));

describe('web app: household data', () => {
  it('replays offers: posted, partly bought, cancelled', () => {
    const offers = openOffers([
      { type: 'offer_posted', offerId: 1n, seller, amountWh: 5000n, priceFenPerKwh: 45n },
      { type: 'offer_posted', offerId: 2n, seller, amountWh: 1000n, priceFenPerKwh: 50n },
      { type: 'offer_posted', offerId: 3n, seller, amountWh: 700n, priceFenPerKwh: 41n },
      { type: 'trade', offerId: 1n, seller, buyer, amountWh: 2000n, paidFen: 90n, feeFen: 10n },
      { type: 'offer_cancelled', offerId: 2n, seller, returnedWh: 1000n },
      { type: 'trade', offerId: 3n, seller, buyer, amountWh: 700n, paidFen: 29n, feeFen: 4n },
    ]);
    checkEqual(offers.length, 1, 'one offer left');
    checkEqual(offers[0]?.id, 1n, 'offer 1');
    checkEqual(offers[0]?.amountWh, 3000n, 'what is left of it');
    checkEqual(offers[0]?.seller, formatAddress(seller), 'its seller');
  });

  it('turns cumulative readings into the energy of each interval of the newest day', () => {
    const at = (hour: number) => new Date(2026, 5, 21, hour).getTime();
    const reading = (meterId: string, hour: number, exportedWh: bigint, importedWh: bigint) =>
      ({ meterId, timeMs: at(hour), exportedWh, importedWh }) satisfies Reading;
    const day = meterDay([
      reading('LH-1', -1, 100n, 50n), // the evening before: the base of the first interval
      reading('LH-1', 8, 300n, 80n),
      reading('LH-1', 12, 2300n, 80n),
      reading('LH-1', 20, 2400n, 900n),
    ]);
    if (!day) throw new Error('no day');
    checkEqual(day.dayMs, at(0), 'the day of the newest reading');
    checkEqual(day.exportedWh.join(), '200,2000,100', 'exported per interval');
    checkEqual(day.importedWh.join(), '30,0,820', 'imported per interval');
    checkEqual(day.totalExportedWh, 2300n, 'exported in the day');
    checkEqual(day.totalImportedWh, 850n, 'imported in the day');
    checkEqual(meterDay([reading('LH-1', 8, 1n, 1n)]), null, 'one reading: no interval');
  });
});
