// The neighbours' offers the household view shows, each verified by this browser. The node's API
// only says which offers might be open (the energy contract's recent events, chain-data.ts
// `recentOffers`: unverified ids); each is then read from the contract's storage (key `o` + id,
// docs/energy-contract.md) by the light client, proved against a header it verified. Seller, Wh
// left and price come from that proved record alone; an offer whose key is proven absent was
// bought out or cancelled and is dropped. A forged or withheld answer fails with its light-client
// code (a node that lies is dropped by the client; another node is asked).
import { formatAddress } from 'pvchain/crypto';
import type { VerifiedStorage } from '../../../light-client/client/types.ts';
import {
  decodeEnergyOffer,
  energyStorageKeys,
} from '../../../light-client/contracts/energy/energy-records.ts';
import type { AppConfig } from '../shared/config.ts';
import { lightClientFor } from '../shared/light-client.ts';
import { type Offer, recentOffers } from './chain-data.ts';

/** An open offer as proved from the energy contract's storage at block `height`. */
export type VerifiedOffer = Offer & { height: bigint };

/** Reads one key of the energy contract's storage, verified (the light client's `storage`). */
export type ReadStorage = (key: Uint8Array) => Promise<VerifiedStorage>;

/**
 * The offers of `ids` that the storage proves open, in the order of `ids`, each with the values
 * of its proved record. Reads one at a time (a full node serves two requests of a peer at once).
 */
export async function verifyOffers(
  ids: readonly bigint[],
  read: ReadStorage,
): Promise<VerifiedOffer[]> {
  const offers: VerifiedOffer[] = [];
  for (const id of ids) {
    const proved = await read(energyStorageKeys.offer(id));
    if (proved.value === null) continue;
    const record = decodeEnergyOffer(proved.value);
    offers.push({
      id,
      seller: formatAddress(record.seller),
      amountWh: record.remainingWh,
      priceFenPerKwh: record.priceFenPerKwh,
      height: proved.height,
    });
  }
  return offers;
}

/**
 * The open offers of the energy contract: candidates from its recent events in the API, each
 * proved from its storage at the light client's head (synced once, so all at one height).
 */
export async function verifiedOffers(config: AppConfig): Promise<VerifiedOffer[]> {
  const [candidates, client] = await Promise.all([
    recentOffers(config.api, config.energyContract),
    lightClientFor(config),
  ]);
  await client.syncHead();
  return verifyOffers(
    candidates.map((c) => c.id),
    (key) => client.storage(config.energyContract, key, { sync: false }),
  );
}
