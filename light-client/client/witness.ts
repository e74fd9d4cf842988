// The witness cross-check (CometBFT's detector, simplified to one height): after a head was
// verified from one node, another node is asked for its header at that height. The same hash
// confirms it. A different header that verifies against the same signing set is evidence that
// validators signed two blocks at one height: the client stops with both headers. A witness whose
// header does not verify is dropped like any dishonest node, and the next witness is asked.
import { bigintToLong, encodeCanonical, pvchain } from '../../proto/index.ts';
import { equalBytes, toHex } from '../verify/fields.ts';
import { assertValidSignedHeader, headerHash } from '../verify/index.ts';
import { isDishonest, verifying } from './errors.ts';
import type { ChainContext, SyncedHead } from './header-sync.ts';
import type { PeerPool } from './peers.ts';
import { LightClientErrorCode as Code, LightClientError } from './types.ts';
import { NodeRefusal } from './wire.ts';

const evidence = (peer: string, hash: Uint8Array, signed: pvchain.v1.SignedHeader.$Properties) => ({
  peer,
  headerHash: toHex(hash),
  header: signed.header,
  signedHeader: encodeCanonical(pvchain.v1.SignedHeader, signed),
});

/** The witness's signed header at `height`, checked against the head's own signing set. */
async function witnessHeader(
  c: ChainContext,
  peer: string,
  head: SyncedHead,
): Promise<{ hash: Uint8Array; signed: pvchain.v1.SignedHeader }> {
  const height = head.anchor.height;
  const answer = await c.ask(peer, 'headers', {
    headers: { startHeight: bigintToLong(height), count: 1 },
  });
  const signed = answer.headers?.headers?.[0];
  if (!signed?.header || !signed.commit || (answer.headers?.headers?.length ?? 0) !== 1)
    throw new LightClientError(Code.MALFORMED, `${peer}: no single header ${height}`, { peer });
  const { header, commit } = signed;
  const hash = headerHash(c.hash, header);
  if (!equalBytes(hash, head.anchor.hash))
    verifying(peer, `witness header ${height}`, () =>
      assertValidSignedHeader(header, commit, head.signingSet, {
        chainId: c.chainId,
        hash: c.hash,
        height,
      }),
    );
  return { hash, signed };
}

/**
 * Asks `candidates` in order for the header at the head's height. Returns the first that
 * confirms it, or null when none could answer; throws LIGHT_CONFLICTING_HEADERS on a verified
 * conflict.
 */
export async function crossCheck(
  c: ChainContext,
  pool: PeerPool,
  primary: string,
  head: SyncedHead,
  candidates: readonly string[],
): Promise<string | null> {
  for (const peer of candidates) {
    if (peer === primary || !pool.live().includes(peer)) continue;
    let found: Awaited<ReturnType<typeof witnessHeader>>;
    try {
      found = await witnessHeader(c, peer, head);
    } catch (error) {
      if (isDishonest(error)) pool.drop(peer, error);
      else if (!(error instanceof LightClientError || error instanceof NodeRefusal)) throw error;
      continue;
    }
    if (equalBytes(found.hash, head.anchor.hash)) return peer;
    const height = head.anchor.height;
    throw new LightClientError(
      Code.CONFLICTING_HEADERS,
      `${primary} and ${peer} serve different headers at height ${height}, both signed`,
      {
        height: String(height),
        primary: evidence(primary, head.anchor.hash, head.signed),
        witness: evidence(peer, found.hash, found.signed),
      },
    );
  }
  return null;
}
