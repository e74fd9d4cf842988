// What the household view derives from the API's transactions, in Chromium: the open offers
// replayed from the energy contract's events, and the meter's day from cumulative readings.
import { addressBytesFromPublicKey, formatAddress } from '../../assembly/bindings/crypto.ts';
import { openOffers, type Reading } from '../../web/src/household/chain-data.ts';
import { meterDay } from '../../web/src/household/meter-series.ts';
import { checkEqual } from '../shared/check.ts';

const seller = addressBytesFromPublicKey(new Uint8Array(32).fill(1));
const buyer = addressBytesFromPublicKey(new Uint8Array(32).fill(2));

const at = (hour: number) => new Date(2026, 5, 21, hour).getTime();
const reading = (
  meterId: string,
  hour: number,
  exportedWh: bigint,
  importedWh: bigint,
  generatedWh = 0n,
): Reading => ({ meterId, timeMs: at(hour), exportedWh, importedWh, generatedWh });

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
    const day = meterDay([
      reading('LH-1', -1, 100n, 50n, 1_000n), // the evening before: the base of the first interval
      reading('LH-1', 8, 300n, 80n, 1_500n),
      reading('LH-1', 12, 2300n, 80n, 5_000n),
      reading('LH-1', 20, 2400n, 900n, 5_200n),
    ]);
    if (!day) throw new Error('no day');
    checkEqual(day.dayMs, at(0), 'the day of the newest reading');
    checkEqual(day.times.join(), [8, 12, 20].map((h) => at(h) / 1000).join(), 'interval ends, s');
    checkEqual(day.generatedWh.join(), '500,3500,200', 'PV output per interval');
    checkEqual(day.exportedWh.join(), '200,2000,100', 'exported per interval');
    checkEqual(day.importedWh.join(), '30,0,820', 'imported per interval');
    // used at home = generated - exported + imported: 500-200+30, 3500-2000+0, 200-100+820
    checkEqual(day.consumedWh.join(), '330,1500,920', 'used at home per interval');
    checkEqual(day.totals.generatedWh, 4200n, 'PV output in the day');
    checkEqual(day.totals.consumedWh, 2750n, 'used at home in the day');
    checkEqual(day.totals.exportedWh, 2300n, 'exported in the day');
    checkEqual(day.totals.importedWh, 850n, 'imported in the day');
    checkEqual(day.generationMetered, true, 'the meter reports generation');
    checkEqual(meterDay([reading('LH-1', 8, 1n, 1n, 1n)]), null, 'one reading: no interval');
  });

  it('keeps each meter’s intervals apart and leaves out those ending before the day', () => {
    const day = meterDay([
      reading('LH-1', 6, 0n, 0n, 0n),
      reading('LH-2', 7, 10n, 10n, 10n),
      reading('LH-1', 9, 100n, 10n, 400n),
      reading('LH-2', 10, 10n, 60n, 10n),
    ]);
    if (!day) throw new Error('no day');
    checkEqual(day.generatedWh.join(), '400,0', 'each meter against its own last reading');
    checkEqual(day.consumedWh.join(), '310,50', 'used at home');
    const yesterday = meterDay([reading('LH-1', -3, 0n, 0n, 0n), reading('LH-1', -1, 5n, 5n, 9n)]);
    checkEqual(yesterday?.dayMs, at(-24), 'the newest reading’s day');
    checkEqual(yesterday?.consumedWh.join(), '9', 'its interval');
  });

  it('shows an older meter without generation: PV 0, used at home = imported', () => {
    const day = meterDay([
      reading('OLD', 7, 1_000n, 200n),
      reading('OLD', 12, 1_800n, 200n), // exported 800 Wh: PV, but the meter does not say how much
      reading('OLD', 19, 1_800n, 650n),
    ]);
    if (!day) throw new Error('no day');
    checkEqual(day.generatedWh.join(), '0,0', 'no PV output reported');
    checkEqual(day.consumedWh.join(), '0,450', 'used at home: only what was imported');
    checkEqual(day.totals.exportedWh, 800n, 'its export');
    checkEqual(day.generationMetered, false, 'generation not metered');
  });

  it('never shows negative use at home (export beyond generation: a battery)', () => {
    const day = meterDay([reading('B', 9, 0n, 0n, 100n), reading('B', 10, 900n, 0n, 300n)]);
    checkEqual(day?.consumedWh.join(), '0', 'clamped at 0');
    checkEqual(day?.generatedWh.join(), '200', 'PV output as metered');
  });
});
