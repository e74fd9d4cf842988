// An account proof checked against a verified header's state root: the proof's nodes lead from
// the root along hash(address) to exactly the account bytes served (or prove that no account is
// there), and those bytes decode canonically to an Account of that address. Only then are its
// balances read. storage.ts goes on from a proven contract account to its storage.
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import { TrieProofError, verifyProof } from '../../assembly/bindings/trie/index.ts';
import { decodeCanonical, ProtoError, pvchain } from '../../proto/index.ts';
import { bytesOf, equalBytes, toHex, u64 } from '../verify/fields.ts';
import { LightClientErrorCode as Code, LightClientError, type VerifiedAccount } from './types.ts';

/** The verified header an account is proved against. */
export type ProofAnchor = { height: bigint; hash: Uint8Array; stateRoot: Uint8Array };

type AccountFields = Pick<
  VerifiedAccount,
  'exists' | 'balances' | 'nonce' | 'realName' | 'supplyStatus'
>;

const ABSENT: AccountFields = {
  exists: false,
  balances: new Map(),
  nonce: 0n,
  realName: '',
  supplyStatus: 0,
};

export const badProof = (peer: string, message: string, details: Record<string, unknown> = {}) =>
  new LightClientError(Code.BAD_PROOF, `${peer}: ${message}`, { peer, ...details });

/** Canonical Account bytes decoded (size checked first); LIGHT_MALFORMED when they are not. */
export function decodeAccountRecord(bytes: Uint8Array, peer: string): pvchain.v1.Account {
  try {
    return decodeCanonical(pvchain.v1.Account, bytes);
  } catch (error) {
    if (!(error instanceof ProtoError)) throw error;
    throw new LightClientError(Code.MALFORMED, `${peer}: account: ${error.message}`, {
      peer,
      protoCode: error.code,
    });
  }
}

/** The fields a light client shows of canonical Account bytes (size checked first). */
export function decodeAccountFields(
  bytes: Uint8Array,
  peer: string,
): AccountFields & {
  address: Uint8Array;
} {
  const account = decodeAccountRecord(bytes, peer);
  const balances = new Map<string, bigint>();
  for (const { asset, amount } of account.balances)
    balances.set(`${toHex(bytesOf(asset?.issuer))}/${asset?.code ?? ''}`, u64(amount));
  return {
    address: account.address,
    exists: true,
    balances,
    nonce: u64(account.nonce),
    realName: account.realName,
    supplyStatus: account.supplyStatus,
  };
}

/** An account proof as served: the account bytes (empty: absent) and the nodes of its path. */
export type ServedAccountProof = pvchain.v1.AccountProofResponse.$Properties;

/**
 * The account bytes `served` proves for `address` at `anchor` (null: proven absent), exactly the
 * bytes served; throws LIGHT_BAD_PROOF otherwise (another height, a proof that does not hold).
 */
export function provenAccountBytes(
  alg: HashAlgorithm,
  anchor: ProofAnchor,
  address: Uint8Array,
  served: ServedAccountProof,
  peer: string,
): Uint8Array | null {
  const height = u64(served.height);
  if (height !== anchor.height)
    throw badProof(peer, `a proof at height ${height}, asked for ${anchor.height}`, {
      height: String(height),
    });
  const account = bytesOf(served.account);
  let proven: Uint8Array | null;
  try {
    proven = verifyProof(anchor.stateRoot, hash(alg, address), served.proof ?? [], { hash: alg });
  } catch (error) {
    if (!(error instanceof TrieProofError)) throw error;
    throw badProof(peer, `the proof does not hold: ${error.message}`, { trie: error.toJSON() });
  }
  if (proven === null) {
    if (account.length > 0) throw badProof(peer, 'an account served that the proof shows absent');
    return null;
  }
  if (!equalBytes(proven, account))
    throw badProof(peer, 'the account served is not the one the proof leads to', {
      served: account.length,
      proven: proven.length,
    });
  return proven;
}

/** Throws LIGHT_BAD_PROOF unless the proven account `owner` is the one asked for. */
export function assertOwner(owner: Uint8Array, address: Uint8Array, peer: string): void {
  if (!equalBytes(owner, address))
    throw badProof(peer, `the proven account is ${toHex(owner)}, not ${toHex(address)}`);
}

/** Verifies `answer` for `address` against `anchor`; throws LIGHT_BAD_PROOF or LIGHT_MALFORMED. */
export function verifyAccountAnswer(
  alg: HashAlgorithm,
  anchor: ProofAnchor,
  address: Uint8Array,
  answer: pvchain.v1.AccountProofResponse.$Properties,
  peer: string,
): Omit<VerifiedAccount, 'servedBy' | 'witnessedBy'> {
  const proven = provenAccountBytes(alg, anchor, address, answer, peer);
  const at = {
    address,
    height: anchor.height,
    headerHash: anchor.hash,
    stateRoot: anchor.stateRoot,
  };
  if (proven === null) return { ...at, ...ABSENT, balances: new Map() };
  const { address: owner, ...fields } = decodeAccountFields(proven, peer);
  assertOwner(owner, address, peer);
  return { ...at, ...fields };
}
