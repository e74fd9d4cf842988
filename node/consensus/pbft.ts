// PBFT (Castro and Liskov) as a deterministic state machine: nothing here knows the network, the
// disk or the clock; the env gives them (types.ts). Heights are PBFT's sequence numbers, decided
// one at a time: the pre-prepare of h + 1 follows the local commit of h. docs/adr/0013-pbft.md.
import { signCheckpoint } from './checkpoints.ts';
import {
  createEngine,
  type Engine,
  enqueue,
  freshRound,
  resolveConfig,
  stopEngine,
  zeroCounters,
} from './engine-state.ts';
import { createInbox } from './inbox.ts';
import { createMessageLog } from './message-log.ts';
import { advance, moveTo } from './normal-case.ts';
import { resume } from './restart.ts';
import { statusOf } from './status.ts';
import type { PbftConfig, PbftEnv, PbftStatus, StatusListener } from './types.ts';

export type Pbft = {
  /** Reads the sign log and the last committed block, then takes part from there. */
  start(): Promise<void>;
  /** Stops at once: timers cleared, results of calls in flight ignored (a crash, as far as it knows). */
  stop(): void;
  /** A ConsensusMessage from the network; `from` is the sending validator's address if known (blamed for bad input). */
  receive(message: Uint8Array, from?: Uint8Array): void;
  /** Block sync stored blocks up to lastCommitted(): continue from there. */
  committedExternally(height: bigint): void;
  /** Something changed that may let the primary propose (transactions arrived). */
  notify(): void;
  status(): PbftStatus;
  /** Called on every change of height, view, phase, watermark or `behind`. */
  onStatus(listener: StatusListener): () => void;
  /** The last stable checkpoint's certificate (2f+1 signatures), if any. */
  stableCheckpoint(): PbftStableCheckpoint | null;
};

export type PbftStableCheckpoint = NonNullable<Engine['stable']>;

export function createPbft(config: PbftConfig, env: PbftEnv): Pbft {
  const resolved = resolveConfig(config);
  const e = createEngine(resolved, env);
  const inbox = createInbox(e);
  let starting: Promise<void> | null = null;

  return {
    async start() {
      if (e.running || starting) return starting ?? undefined;
      e.generation++;
      e.running = true;
      Object.assign(e.counters, zeroCounters());
      e.log = createMessageLog(resolved.set);
      e.round = freshRound();
      e.mode = 'normal';
      e.stable = null;
      e.prepared.clear();
      e.newView = null;
      e.peerCommitted.clear();
      e.committedVotes.clear();
      e.behind = null;
      e.backoff = 0;
      starting = new Promise<void>((resolve, reject) => {
        enqueue(e, async () => {
          try {
            await resume(e);
            await advance(e);
            resolve();
          } catch (error) {
            reject(error);
            throw error;
          }
        });
      }).finally(() => {
        starting = null;
      });
      return starting;
    },
    stop() {
      if (e.running) stopEngine(e);
    },
    receive: (message, from) => inbox.receive(message, from),
    committedExternally(height) {
      if (typeof height !== 'bigint') throw new TypeError('height must be a bigint');
      enqueue(e, async () => {
        const last = e.env.lastCommitted().height;
        if (last < e.height) return;
        moveTo(e, last + 1n, true);
        if (last % resolved.interval === 0n) await signCheckpoint(e, last);
        await advance(e);
      });
    },
    notify() {
      enqueue(e, () => advance(e));
    },
    status: () => statusOf(e),
    onStatus(listener) {
      e.listeners.add(listener);
      return () => e.listeners.delete(listener);
    },
    stableCheckpoint: () => (e.stable ? { height: e.stable.height, cert: e.stable.cert } : null),
  };
}
