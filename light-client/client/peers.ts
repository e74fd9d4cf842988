// The full nodes a client may ask, in the transport's order of preference, and the ones it
// dropped: a node whose answer failed verification is never asked again, and why is recorded (its
// error code, message and details) and reported. An operation runs against one node at a time; a
// node that times out, is unreachable or refuses is passed over for the next, and the list is gone
// through `1 + retries` times before the operation fails.
import { isDishonest, isFinal } from './errors.ts';
import { LightClientErrorCode as Code, LightClientError, type LightTransport } from './types.ts';
import { NodeRefusal } from './wire.ts';

export type DroppedPeer = {
  peer: string;
  code: LightClientError['code'];
  message: string;
  details: Record<string, unknown>;
  atMs: number;
};

export type PeerPool = ReturnType<typeof createPeerPool>;

const asLightError = (error: unknown, peer: string): LightClientError => {
  if (error instanceof LightClientError) return error;
  if (error instanceof NodeRefusal)
    return new LightClientError(Code.UNREACHABLE, error.message, {
      peer,
      protocol: error.protocol,
      syncCode: error.syncCode,
    });
  throw error;
};

export function createPeerPool(
  transport: LightTransport,
  opts: { retries: number; onDrop(dropped: DroppedPeer): void },
) {
  const dropped = new Map<string, DroppedPeer>();

  const live = (): string[] =>
    transport
      .peers()
      .map((p) => p.id)
      .filter((id) => !dropped.has(id));

  function drop(peer: string, error: LightClientError): void {
    if (dropped.has(peer)) return;
    const record = {
      peer,
      code: error.code,
      message: error.message,
      details: error.details,
      atMs: Date.now(),
    };
    dropped.set(peer, record);
    opts.onDrop(record);
  }

  /**
   * Runs `operation` against live nodes (`prefer` first) until one succeeds. A dishonest answer
   * drops its node; a final error (a conflict, a rejected transaction) is thrown at once. When no
   * node succeeds, the first dishonest answer of this run is thrown if there was one (its node
   * is named in `details.peer`), else the last failure.
   */
  async function run<T>(
    what: string,
    operation: (peer: string) => Promise<T>,
    prefer?: string,
  ): Promise<{ value: T; peer: string }> {
    let firstDishonest: LightClientError | undefined;
    let last: LightClientError | undefined;
    for (let round = 0; round <= opts.retries; round++) {
      const peers = live();
      const ordered =
        prefer && peers.includes(prefer) ? [prefer, ...peers.filter((p) => p !== prefer)] : peers;
      for (const peer of ordered) {
        try {
          return { value: await operation(peer), peer };
        } catch (error) {
          if (isFinal(error)) throw error;
          const failure = asLightError(error, peer);
          if (isDishonest(failure)) {
            drop(peer, failure);
            firstDishonest ??= failure;
          }
          last = failure;
        }
      }
    }
    if (firstDishonest) throw firstDishonest;
    if (last) throw last;
    throw new LightClientError(Code.UNREACHABLE, `${what}: no full node left to ask`, {
      dropped: [...dropped.values()],
    });
  }

  return {
    live,
    drop,
    run,
    dropped: (): DroppedPeer[] => [...dropped.values()],
  };
}
