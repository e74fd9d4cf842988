// What the household view reads from the node's API (unverified, for display): the address's
// recent transactions (history, meter readings) and the energy contract's recent events (the open
// offers). Balances never come from here: the light client verifies those.

import { formatAddress } from 'pvchain/crypto';
import {
  decodeEnergyEvent,
  type EnergyEvent,
} from '../../../light-client/contracts/energy/energy-events.ts';
import type { ApiClient, ApiEvent, ApiTransaction } from '../shared/api-client.ts';
import { fromHex } from '../shared/hex.ts';

export type HistoryKind =
  | 'buy_from_grid'
  | 'sell_to_grid'
  | 'post_offer'
  | 'cancel_offer'
  | 'buy_offer'
  | 'meter'
  | 'name'
  | 'payment'
  | 'other';

/** A meter's reading: its cumulative registers, Wh (generatedWh 0 from a meter without PV). */
export type Reading = {
  meterId: string;
  timeMs: number;
  exportedWh: bigint;
  importedWh: bigint;
  generatedWh: bigint;
};

export type Offer = { id: bigint; seller: string; amountWh: bigint; priceFenPerKwh: bigint };

type Op = {
  callContract?: { method?: string };
  meterReading?: { readings?: { reading?: Record<string, string> }[] };
  setRealName?: unknown;
  payment?: unknown;
};

/** The newest `limit` committed transactions touching `address`, with their details. */
export async function recentTransactions(
  api: ApiClient,
  address: string,
  limit = 20,
): Promise<ApiTransaction[]> {
  const page = await api.transactionsOf(address, limit);
  return Promise.all(page.items.map((item) => api.transaction(item.hash)));
}

export function kindOf(tx: ApiTransaction): HistoryKind {
  const ops = tx.transaction.operations as Op[];
  const method = ops.find((o) => o.callContract)?.callContract?.method;
  if (method === 'buy_from_grid' || method === 'sell_to_grid' || method === 'post_offer')
    return method;
  if (method === 'cancel_offer' || method === 'buy_offer') return method;
  if (ops.some((o) => o.meterReading)) return 'meter';
  if (ops.some((o) => o.setRealName)) return 'name';
  if (ops.some((o) => o.payment)) return 'payment';
  return 'other';
}

/** Whether `tx` carries a reading of one of `meterIds`. */
export function readsMeter(tx: ApiTransaction, meterIds: ReadonlySet<string>): boolean {
  return (tx.transaction.operations as Op[]).some((op) =>
    (op.meterReading?.readings ?? []).some((r) => meterIds.has(String(r.reading?.meterId))),
  );
}

/**
 * The household's own transactions and the readings of its meters that its grid relayed (the
 * node's address index does not list a batch of readings under each meter's household), newest
 * first, each once.
 */
export async function householdActivity(
  api: ApiClient,
  address: string,
  grid: string,
  meterIds: ReadonlySet<string>,
): Promise<ApiTransaction[]> {
  const [own, relayed] = await Promise.all([
    recentTransactions(api, address),
    grid && meterIds.size > 0 ? recentTransactions(api, grid, 50) : Promise.resolve([]),
  ]);
  const byHash = new Map(own.map((tx) => [tx.hash, tx]));
  for (const tx of relayed) if (readsMeter(tx, meterIds)) byHash.set(tx.hash, tx);
  return [...byHash.values()].sort((a, b) => Number(BigInt(b.height) - BigInt(a.height)));
}

/** The meter readings in `txs` (of `meterIds` only, when given), oldest first. */
export function readingsOf(
  txs: readonly ApiTransaction[],
  meterIds?: ReadonlySet<string>,
): Reading[] {
  const readings: Reading[] = [];
  for (const tx of txs)
    for (const op of tx.transaction.operations as Op[])
      for (const entry of op.meterReading?.readings ?? []) {
        const r = entry.reading;
        if (!r || (meterIds && !meterIds.has(String(r.meterId)))) continue;
        readings.push({
          meterId: String(r.meterId),
          timeMs: Number(r.timeMs),
          exportedWh: BigInt(r.exportedWh ?? '0'),
          importedWh: BigInt(r.importedWh ?? '0'),
          generatedWh: BigInt(r.generatedWh ?? '0'),
        });
      }
  return readings.sort((a, b) => a.timeMs - b.timeMs);
}

function decoded(event: ApiEvent): EnergyEvent | null {
  try {
    const topic = new TextEncoder().encode(event.topic);
    return decodeEnergyEvent({ topic, data: fromHex(event.data) });
  } catch {
    return null;
  }
}

/** The energy events of `txs` in chain order (txs newest first, as the API lists them). */
export function energyEvents(txs: readonly ApiTransaction[], contract: string): EnergyEvent[] {
  const address = formatAddress(fromHex(contract));
  return [...txs]
    .reverse()
    .flatMap((tx) => tx.receipt.events.filter((e) => e.contract === address))
    .flatMap((e) => decoded(e) ?? []);
}

/** Offers still open after `events` (posted, minus cancelled and bought). */
export function openOffers(events: readonly EnergyEvent[]): Offer[] {
  const offers = new Map<bigint, Offer>();
  for (const e of events) {
    if (e.type === 'offer_posted')
      offers.set(e.offerId, {
        id: e.offerId,
        seller: formatAddress(e.seller),
        amountWh: e.amountWh,
        priceFenPerKwh: e.priceFenPerKwh,
      });
    else if (e.type === 'offer_cancelled') offers.delete(e.offerId);
    else if (e.type === 'trade') {
      const offer = offers.get(e.offerId);
      if (!offer) continue;
      offer.amountWh -= e.amountWh;
      if (offer.amountWh <= 0n) offers.delete(e.offerId);
    }
  }
  return [...offers.values()];
}

/** The open offers among the energy contract's newest `limit` transactions. */
export async function recentOffers(api: ApiClient, contract: string, limit = 100) {
  const txs = await recentTransactions(api, contract, limit);
  return openOffers(energyEvents(txs, contract));
}
