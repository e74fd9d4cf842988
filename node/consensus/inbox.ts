// Incoming messages: size, canonical decoding, a known sender and the cheap checks first; then
// every signature of everything that arrived together (nested certificates included) in one call
// of the batch verifier; then, one at a time in the engine's queue, the state machine.
import { hash as hashOf, type SignedMessage } from '../../assembly/bindings/crypto.ts';
import { encodeCanonical, MAX_CONSENSUS_MESSAGE_BYTES, pvchain } from '../../proto/index.ts';
import { onCheckpoint } from './checkpoints.ts';
import { type Engine, enqueue, high, low, reportEquivocation, setBehind } from './engine-state.ts';
import {
  type BodyName,
  bodyOf,
  decodeMessage,
  encodeBody,
  envelope,
  heightOf,
  type Message,
  senderOf,
  signingPayload,
  u64,
} from './messages.ts';
import { type CheckedNewView, checkNewView, checkViewChange } from './new-view.ts';
import { advance, helpLagging } from './normal-case.ts';
import type { PbftValidator } from './types.ts';
import {
  equalBytes,
  HASH_BYTES,
  SIGNATURE_BYTES,
  toHex,
  weakQuorumValue,
} from './validator-set.ts';
import { onNewView, onViewChange } from './view-changes.ts';

/** Messages for views this far beyond the current one are refused (they would only fill memory). */
const MAX_VIEWS_AHEAD = 16n;

type Pending = {
  message: Message;
  name: BodyName;
  sender: PbftValidator;
  from: Uint8Array | undefined;
  items: SignedMessage[];
  newView?: CheckedNewView;
};

export type Inbox = { receive(bytes: Uint8Array, from?: Uint8Array): void };

export function createInbox(e: Engine): Inbox {
  let pending: Pending[] = [];
  let scheduled = false;

  const penalise = (who: Uint8Array | null | undefined, reason: string): void => {
    if (who) e.env.penalise?.(who, reason);
  };

  function precheck(bytes: Uint8Array, from: Uint8Array | undefined): Pending | null {
    e.counters.received++;
    let message: Message;
    try {
      if (!(bytes instanceof Uint8Array) || bytes.length > MAX_CONSENSUS_MESSAGE_BYTES)
        throw new RangeError('size');
      message = decodeMessage(bytes);
    } catch {
      e.counters.malformed++;
      penalise(from, 'malformed consensus message');
      return null;
    }
    const address = senderOf(message);
    const name = message.body;
    const sender = address ? e.config.set.get(address) : undefined;
    if (!name || !address || !sender) {
      e.counters.nonValidator++;
      penalise(from ?? address, 'consensus message from a non-validator');
      return null;
    }
    if (message.signature.length !== SIGNATURE_BYTES || (message.block && name !== 'prePrepare')) {
      e.counters.malformed++;
      penalise(from ?? address, 'malformed consensus message');
      return null;
    }
    const body = bodyOf(message, name);
    const items: SignedMessage[] = [
      {
        signature: message.signature,
        message: signingPayload(e.config.chainId, name, encodeBody(name, body as never)),
        publicKey: sender.publicKey,
      },
    ];
    const refuse = (): null => {
      e.counters.invalid++;
      return null;
    };
    const height = heightOf(message);
    if (height !== null) {
      if (height <= low(e)) {
        e.counters.outsideWatermarks++;
        return null;
      }
      const view = u64((body as { view?: unknown }).view);
      if (name !== 'checkpoint') {
        const blockHash = (body as { blockHash?: Uint8Array }).blockHash;
        if (blockHash?.length !== HASH_BYTES || height === 0n) return refuse();
        if (view > currentView(e) + MAX_VIEWS_AHEAD) return refuse();
      } else if (height % e.config.interval !== 0n) return refuse();
      if (name === 'prePrepare') {
        if (!equalBytes(e.config.set.primary(view).address, address)) return refuse();
        if (message.block && !blockMatches(e, message, height)) {
          penalise(from, 'a block that is not the pre-prepared one');
          return refuse();
        }
      }
    } else if (name === 'viewChange') {
      const checked = checkViewChange(e.config, message.viewChange ?? {});
      if (!checked.ok) return refuse();
      items.push(...checked.items);
    } else if (name === 'newView') {
      const checked = checkNewView(e.config, message.newView ?? {});
      if (!checked.ok) return refuse();
      items.push(...checked.items);
      return { message, name, sender, from, items, newView: checked };
    }
    return { message, name, sender, from, items };
  }

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = pending;
    pending = [];
    const items = batch.flatMap((p) => p.items);
    let verdicts: boolean[];
    try {
      verdicts = await e.env.verifyBatch(items);
    } catch {
      verdicts = items.map(() => false);
    }
    let offset = 0;
    for (const p of batch) {
      const ok = p.items.every((_, i) => verdicts[offset + i] === true);
      offset += p.items.length;
      if (!ok) {
        e.counters.badSignature++;
        penalise(p.from ?? p.sender.address, 'bad signature on a consensus message');
        continue;
      }
      enqueue(e, async () => {
        await dispatch(e, p);
        await advance(e);
      });
    }
  }

  return {
    receive(bytes, from) {
      if (!e.running) return;
      const p = precheck(bytes, from);
      if (!p) return;
      pending.push(p);
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => void flush());
    },
  };
}

const currentView = (e: Engine): bigint => (e.mode === 'normal' ? e.view : e.viewChangeTo);

function blockMatches(e: Engine, message: Message, height: bigint): boolean {
  const header = message.block?.header;
  if (!header || u64(header.height) !== height) return false;
  const digest = hashOf(e.config.hash, encodeCanonical(pvchain.v1.BlockHeader, header));
  return equalBytes(message.prePrepare?.blockHash ?? new Uint8Array(0), digest);
}

/** A verified message: into the log, and whatever it triggers. */
async function dispatch(e: Engine, p: Pending): Promise<void> {
  const { message, sender } = p;
  const signature = message.signature;
  const hex = toHex(sender.address);
  const height = heightOf(message);
  const self = hex === e.config.self.hex; // our own pre-prepare, forwarded with its block
  if (height !== null && p.name !== 'checkpoint') {
    // A message for height h shows its sender committed h - 1.
    if (!self && (e.peerCommitted.get(hex) ?? 0n) < height - 1n) {
      e.peerCommitted.set(hex, height - 1n);
      // More than a third of the power is two or more heights ahead: block sync, not consensus.
      const ahead = weakQuorumValue(e.config.set, e.peerCommitted);
      if (ahead !== null && ahead > e.height) setBehind(e, ahead);
    }
    if (height <= low(e)) return;
    if (height > high(e)) {
      e.counters.outsideWatermarks++;
      return;
    }
    if (height < e.height && !self) helpLagging(e, sender.address, height);
  }
  const bare = envelope(p.name, bodyOf(message, p.name) as never, signature);
  switch (p.name) {
    case 'prePrepare': {
      const pp = message.prePrepare as pvchain.v1.PrePrepare;
      const h = height as bigint;
      const view = u64(pp.view);
      if (h < e.height) return;
      const stored = { body: pp, blockHash: pp.blockHash, signature, message: bare };
      const seen = e.log.addPrePrepare(stored, h, view);
      if (seen.status === 'conflict') {
        reportEquivocation(e, 'pre-prepare', sender.address, h, view, seen.first, bare);
        return;
      }
      // Blocks of past views are not kept (only their pre-prepares, as evidence).
      if (message.block && view >= e.view) e.log.addBlock(h, pp.blockHash, message.block);
      return;
    }
    case 'prepare':
    case 'commit': {
      const vote = (message.prepare ?? message.commit) as pvchain.v1.Prepare;
      const h = height as bigint;
      const view = u64(vote.view);
      if (h < e.height || (p.name === 'prepare' && view < e.view)) return;
      const kind = p.name;
      const seen = e.log.addVote(kind, h, view, vote.blockHash, {
        validator: sender.address,
        signature,
        message: bare,
      });
      if (seen.status === 'conflict')
        reportEquivocation(e, kind, sender.address, h, view, seen.first, bare);
      return;
    }
    case 'checkpoint':
      return onCheckpoint(e, message.checkpoint as pvchain.v1.Checkpoint, signature, bare);
    case 'viewChange':
      return onViewChange(
        e,
        { body: message.viewChange as pvchain.v1.ViewChange, signature, message: bare },
        true,
      );
    case 'newView':
      return onNewView(
        e,
        message.newView as pvchain.v1.NewView,
        signature,
        bare,
        p.newView as CheckedNewView,
      );
  }
}
