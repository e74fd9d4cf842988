// A contract for the fake chain (fake-chain.ts): an energy contract account whose storage trie
// holds one open offer and the next offer id, keyed by the raw storage keys as the node's state
// store keys them, and the storage-proof answer an honest full node gives for any address and key.
import { createTrie } from '../../../../assembly/bindings/trie/index.ts';
import {
  type EnergyOffer,
  encodeEnergyOffer,
  energyStorageKeys,
} from '../../../../light-client/contracts/energy/index.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../../../proto/index.ts';
import { ALG, type Key, keys } from '../../../shared/verify-fixtures.ts';

const v1 = pvchain.v1;
const EMPTY = new Uint8Array(0);

/** The contract's address (no key signs for a contract; any 23-byte address will do). */
export const [CONTRACT] = keys([33]) as [Key];
export const OFFER_ID = 7n;
export const ABSENT_OFFER_ID = 6n;

/** Offer OFFER_ID of a household selling 1.5 kWh at 45 fen/kWh. */
export const offerOf = (seller: Uint8Array): EnergyOffer => ({
  seller,
  remainingWh: 1_500n,
  priceFenPerKwh: 45n,
});

/** The contract's storage trie: offer OFFER_ID of `seller` and the next id. */
export async function createContractStorage(seller: Uint8Array) {
  const trie = createTrie({ hash: ALG });
  await trie.put(energyStorageKeys.offer(OFFER_ID), encodeEnergyOffer(offerOf(seller)));
  const next = new Uint8Array(8);
  new DataView(next.buffer).setBigUint64(0, OFFER_ID + 1n, true);
  await trie.put(energyStorageKeys.nextOfferId(), next);
  return { trie, root: await trie.root() };
}

export const contractAccountBytes = (storageRoot: Uint8Array) =>
  encodeCanonical(v1.Account, {
    address: CONTRACT.address,
    role: v1.AccountRole.ACCOUNT_ROLE_CONTRACT,
    codeHash: new Uint8Array(32).fill(0x0c),
    storageRoot,
  });

type ProofSource = {
  get(address: Uint8Array): Promise<Uint8Array | null>;
  proof(address: Uint8Array): Promise<Uint8Array[]>;
};

/** The honest storage-proof answer for `key` of `address` at `height`, from `state`. */
export async function storageAnswer(
  state: ProofSource,
  storage: Awaited<ReturnType<typeof createContractStorage>>,
  address: Uint8Array,
  key: Uint8Array,
  height: bigint,
): Promise<pvchain.v1.StorageProofResponse.$Properties> {
  const isContract = address.every((b, i) => b === CONTRACT.address[i]);
  return {
    height: bigintToLong(height),
    account: (await state.get(address)) ?? EMPTY,
    accountProof: await state.proof(address),
    value: isContract ? ((await storage.trie.get(key)) ?? EMPTY) : EMPTY,
    storageProof: isContract ? await storage.trie.createProof(key) : [],
  };
}
