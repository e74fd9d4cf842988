// A storage proof checked against a verified header's state root, in two steps: the account proof
// leads from the state root along hash(address) to exactly the contract's account bytes served
// (account.ts), which decode to a contract account of that address; then the storage proof leads
// from that account's storage_root along the key itself (contract storage tries are keyed by the
// raw key, node/chain/state-store.ts) to exactly the value served, or proves the key absent.
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';
import { TrieProofError, verifyProof } from '../../assembly/bindings/trie/index.ts';
import { pvchain } from '../../proto/index.ts';
import { bytesOf, equalBytes, toHex } from '../verify/fields.ts';
import {
  assertOwner,
  badProof,
  decodeAccountRecord,
  type ProofAnchor,
  provenAccountBytes,
} from './account.ts';
import { LightClientErrorCode as Code, LightClientError, type VerifiedStorage } from './types.ts';

export type StorageFields = Omit<VerifiedStorage, 'servedBy' | 'witnessedBy'>;

const notAContract = (peer: string, contract: Uint8Array, what: string) =>
  new LightClientError(Code.NOT_A_CONTRACT, `${toHex(contract)} ${what}`, {
    peer,
    contract: toHex(contract),
  });

/** The storage root of the contract `answer` proves at `anchor`; throws unless it is one. */
function provenStorageRoot(
  alg: HashAlgorithm,
  anchor: ProofAnchor,
  contract: Uint8Array,
  answer: pvchain.v1.StorageProofResponse.$Properties,
  peer: string,
): Uint8Array {
  const served = { height: answer.height, account: answer.account, proof: answer.accountProof };
  const bytes = provenAccountBytes(alg, anchor, contract, served, peer);
  if (bytes === null) throw notAContract(peer, contract, 'is no account (proven absent)');
  const account = decodeAccountRecord(bytes, peer);
  assertOwner(account.address, contract, peer);
  if (account.role !== pvchain.v1.AccountRole.ACCOUNT_ROLE_CONTRACT)
    throw notAContract(peer, contract, `is not a contract (role ${account.role})`);
  const root = bytesOf(account.storageRoot);
  if (root.length !== 0 && root.length !== 32)
    throw new LightClientError(Code.MALFORMED, `${peer}: a storage root of ${root.length} bytes`, {
      peer,
    });
  return root;
}

/** The value `proof` proves for `key` under `root` (null: absent); an empty root holds nothing. */
function provenValue(
  alg: HashAlgorithm,
  root: Uint8Array,
  key: Uint8Array,
  proof: Uint8Array[],
  peer: string,
): Uint8Array | null {
  if (root.length === 0) {
    if (proof.length > 0) throw badProof(peer, 'a storage proof for a contract with no storage');
    return null;
  }
  try {
    return verifyProof(root, key, proof, { hash: alg });
  } catch (error) {
    if (!(error instanceof TrieProofError)) throw error;
    throw badProof(peer, `the storage proof does not hold: ${error.message}`, {
      trie: error.toJSON(),
    });
  }
}

/**
 * Verifies `answer` for `key` of `contract` against `anchor`: throws LIGHT_BAD_PROOF (a proof
 * that does not hold or bytes it does not lead to), LIGHT_MALFORMED, or LIGHT_NOT_A_CONTRACT
 * (the proven account has no storage). A value of null is a proven absence.
 */
export function verifyStorageAnswer(
  alg: HashAlgorithm,
  anchor: ProofAnchor,
  contract: Uint8Array,
  key: Uint8Array,
  answer: pvchain.v1.StorageProofResponse.$Properties,
  peer: string,
): StorageFields {
  const storageRoot = provenStorageRoot(alg, anchor, contract, answer, peer);
  const served = bytesOf(answer.value);
  const proven = provenValue(alg, storageRoot, key, answer.storageProof ?? [], peer);
  if (proven === null && served.length > 0)
    throw badProof(peer, 'a value served that the storage proof shows absent');
  if (proven !== null && !equalBytes(proven, served))
    throw badProof(peer, 'the value served is not the one the storage proof leads to', {
      served: served.length,
      proven: proven.length,
    });
  return {
    contract,
    key,
    value: proven,
    height: anchor.height,
    headerHash: anchor.hash,
    stateRoot: anchor.stateRoot,
    storageRoot,
  };
}
