// Following one full node's chain from the client's anchor: its status (this chain, its claimed
// head), then its signed headers in batches, each verified after the one before with the set the
// anchor names; when a header names another set for the next height, that set is fetched
// (`validator-set` at the next height) and taken only if it hashes to what the header named. A
// node that claims a height it then does not serve withholds its head.
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';
import { bigintToLong, type pvchain } from '../../proto/index.ts';
import { bytesOf, equalBytes, toHex, u64 } from '../verify/fields.ts';
import {
  assertValidNextHeader,
  type ValidatorSet,
  validatorSetFromMessage,
} from '../verify/index.ts';
import { verifying } from './errors.ts';
import type { Anchor } from './trust.ts';
import { LightClientErrorCode as Code, LightClientError } from './types.ts';
import { type Ask, isNotFound } from './wire.ts';

export type ChainContext = {
  chainId: string;
  hash: HashAlgorithm;
  genesisHash: Uint8Array;
  ask: Ask;
  /** Most headers asked for at once. */
  batchSize: number;
};

/** The last header a sync verified, with what a witness check needs. */
export type SyncedHead = {
  anchor: Anchor;
  /** The set that signed it. */
  signingSet: ValidatorSet;
  signed: pvchain.v1.SignedHeader.$Properties;
  /** Headers fetched from the node, for the record (and tests). */
  fetched: number;
};

/** A node's claimed head, after checking that it is on this chain. */
export async function statusOf(c: ChainContext, peer: string): Promise<bigint> {
  const { status } = await c.ask(peer, 'status', { status: {} });
  const chainId = status?.chainId ?? '';
  const genesisHash = bytesOf(status?.genesisHash);
  if (chainId !== c.chainId || !equalBytes(genesisHash, c.genesisHash))
    throw new LightClientError(Code.WRONG_CHAIN, `${peer} is on another chain`, {
      peer,
      chainId,
      genesisHash: toHex(genesisHash),
    });
  return u64(status?.height);
}

const withheld = (peer: string, height: bigint, claimed: bigint, what: string) =>
  new LightClientError(Code.WITHHELD_HEAD, `${peer} claims height ${claimed} but ${what}`, {
    peer,
    height: String(height),
    claimed: String(claimed),
  });

/** The set that signs `height`, from `peer`, accepted only if it hashes to `expected`. */
async function nextSet(
  c: ChainContext,
  peer: string,
  height: bigint,
  expected: Uint8Array,
): Promise<ValidatorSet> {
  const { validatorSet } = await c.ask(peer, 'validator-set', {
    validatorSet: { height: bigintToLong(height) },
  });
  if (u64(validatorSet?.height) !== height)
    throw new LightClientError(Code.MALFORMED, `${peer} served the set of another height`, {
      peer,
      height: String(height),
    });
  const set = verifying(peer, 'validator set', () =>
    validatorSetFromMessage(c.hash, validatorSet?.validatorSet ?? {}),
  );
  if (!equalBytes(set.hash, expected))
    throw new LightClientError(Code.WRONG_VALIDATOR_SET, `${peer}: not the set header names`, {
      peer,
      height: String(height),
      expected: toHex(expected),
      actual: toHex(set.hash),
    });
  return set;
}

/**
 * Verifies `peer`'s headers from `from.height + 1` up to `target` (at most `claimed`, its status
 * height). Returns the last header whose next signing set is known, or null when none is new: a
 * header at the node's head that names a new set is held back until the node serves the next
 * height and so the set.
 */
export async function verifyHeaders(
  c: ChainContext,
  peer: string,
  from: Anchor,
  target: bigint,
  claimed: bigint,
): Promise<SyncedHead | null> {
  let current = from;
  let last: SyncedHead | null = null;
  let fetched = 0;
  while (current.height < target) {
    const count = Number(
      target - current.height < BigInt(c.batchSize) ? target - current.height : c.batchSize,
    );
    const start = current.height + 1n;
    let headers: pvchain.v1.SignedHeader[];
    try {
      const answer = await c.ask(peer, 'headers', {
        headers: { startHeight: bigintToLong(start), count },
      });
      headers = answer.headers?.headers ?? [];
    } catch (error) {
      if (isNotFound(error)) throw withheld(peer, start, claimed, `not header ${start}`);
      throw error;
    }
    if (headers.length === 0) throw withheld(peer, start, claimed, `no header from ${start}`);
    if (headers.length > count)
      throw new LightClientError(Code.MALFORMED, `${peer} sent ${headers.length} > ${count}`, {
        peer,
      });
    fetched += headers.length;
    for (const signed of headers) {
      const signingSet = current.nextValidators;
      const { header, commit } = signed;
      const height = current.height + 1n;
      if (!header || !commit)
        throw new LightClientError(Code.MALFORMED, `${peer}: header ${height} incomplete`, {
          peer,
        });
      const next = verifying(peer, `header ${height}`, () =>
        assertValidNextHeader(current, header, commit, { chainId: c.chainId, hash: c.hash }),
      );
      let nextValidators = next.trusted.nextValidators;
      if (!nextValidators) {
        try {
          nextValidators = await nextSet(c, peer, height + 1n, next.trusted.nextValidatorsHash);
        } catch (error) {
          if (!isNotFound(error)) throw error;
          if (height < claimed) throw withheld(peer, height + 1n, claimed, 'not its set');
          return last && { ...last, fetched };
        }
      }
      current = {
        ...next.trusted,
        nextValidators,
        stateRoot: bytesOf(header.stateRoot),
      };
      last = { anchor: current, signingSet, signed, fetched };
    }
  }
  return last && { ...last, fetched };
}
