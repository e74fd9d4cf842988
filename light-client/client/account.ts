// An account proof checked against a verified header's state root: the proof's nodes lead from
// the root along hash(address) to exactly the account bytes served (or prove that no account is
// there), and those bytes decode canonically to an Account of that address. Only then are its
// balances read.
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

const badProof = (peer: string, message: string, details: Record<string, unknown> = {}) =>
  new LightClientError(Code.BAD_PROOF, `${peer}: ${message}`, { peer, ...details });

/** The fields a light client shows of canonical Account bytes (size checked first). */
export function decodeAccountFields(
  bytes: Uint8Array,
  peer: string,
): AccountFields & {
  address: Uint8Array;
} {
  let account: pvchain.v1.Account;
  try {
    account = decodeCanonical(pvchain.v1.Account, bytes);
  } catch (error) {
    if (!(error instanceof ProtoError)) throw error;
    throw new LightClientError(Code.MALFORMED, `${peer}: account: ${error.message}`, {
      peer,
      protoCode: error.code,
    });
  }
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

/** Verifies `answer` for `address` against `anchor`; throws LIGHT_BAD_PROOF or LIGHT_MALFORMED. */
export function verifyAccountAnswer(
  alg: HashAlgorithm,
  anchor: ProofAnchor,
  address: Uint8Array,
  answer: pvchain.v1.AccountProofResponse.$Properties,
  peer: string,
): Omit<VerifiedAccount, 'servedBy' | 'witnessedBy'> {
  const height = u64(answer.height);
  if (height !== anchor.height)
    throw badProof(peer, `a proof at height ${height}, asked for ${anchor.height}`, {
      height: String(height),
    });
  const served = bytesOf(answer.account);
  let proven: Uint8Array | null;
  try {
    proven = verifyProof(anchor.stateRoot, hash(alg, address), answer.proof ?? [], { hash: alg });
  } catch (error) {
    if (!(error instanceof TrieProofError)) throw error;
    throw badProof(peer, `the proof does not hold: ${error.message}`, { trie: error.toJSON() });
  }
  const at = { address, height, headerHash: anchor.hash, stateRoot: anchor.stateRoot };
  if (proven === null) {
    if (served.length > 0) throw badProof(peer, 'an account served that the proof shows absent');
    return { ...at, ...ABSENT, balances: new Map() };
  }
  if (!equalBytes(proven, served))
    throw badProof(peer, 'the account served is not the one the proof leads to', {
      served: served.length,
      proven: proven.length,
    });
  const { address: owner, ...fields } = decodeAccountFields(served, peer);
  if (!equalBytes(owner, address))
    throw badProof(peer, `the proven account is ${toHex(owner)}, not ${toHex(address)}`);
  return { ...at, ...fields };
}
