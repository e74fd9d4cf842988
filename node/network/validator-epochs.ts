// Which PBFT engine runs: one per validator set (an epoch), from the first height the set signs.
// After every commit and every sync the chain is asked which set signs the next height; when it
// is another set, the running engine stops (its heights are all committed) and, if this node is a
// member, an engine of the new set starts at that height (PbftConfig.firstHeight). Consensus
// messages that arrive for the next set before this node switched are kept (bounded) and handed
// to the new engine, so a validator that commits the last block of a set a little later than the
// others does not cost the new set a view change.
import type { ValidatorEntry } from '../../light-client/verify/index.ts';
import type { Chain } from '../chain/chain.ts';
import type { Pbft } from '../consensus/index.ts';
import { U64_MAX } from '../ledger/chain-rules.ts';
import type { ValidatorEpoch } from '../ledger/validator-schedule.ts';
import { keyOfSet } from './pbft-binding.ts';

export type EpochsComponents = {
  chain: Pick<Chain, 'validators' | 'height'>;
  self: Uint8Array;
  /** An engine for `epoch` (not started). */
  createEngine(epoch: ValidatorEpoch): Pbft;
  /** Who may open consensus streams: the current set and any scheduled one. */
  setConsensusPeers(keys: Uint8Array[]): void;
  onEngine(engine: Pbft | null, epoch: ValidatorEpoch): void;
  log(event: string, fields?: Record<string, unknown>): void;
};

/** Consensus messages kept for the engine of a set this node has not switched to yet. */
export const MAX_EARLY_MESSAGES = 2_000;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function createValidatorEpochs(c: EpochsComponents) {
  let epoch: ValidatorEpoch | null = null;
  let engine: Pbft | null = null;
  let stopped = false;
  let switching: Promise<void> = Promise.resolve();
  let early: { bytes: Uint8Array; from: Uint8Array | undefined }[] = [];

  const isMember = (set: readonly ValidatorEntry[]) =>
    set.some((v) => hex(v.address) === hex(c.self));

  async function update(): Promise<void> {
    if (stopped) return;
    const next = c.chain.validators();
    const scheduled = c.chain.validators(U64_MAX);
    const keys = new Map(
      [...next.validators, ...scheduled.validators].map((v) => [hex(v.publicKey), v.publicKey]),
    );
    c.setConsensusPeers([...keys.values()]);
    if (epoch && keyOfSet(epoch.validators) === keyOfSet(next.validators)) return;
    const first = epoch === null;
    engine?.stop();
    engine = null;
    epoch = next;
    if (!first)
      c.log('validator set changed', {
        height: String(next.since),
        validators: next.validators.map((v) => hex(v.address)),
        member: isMember(next.validators),
      });
    if (isMember(next.validators)) {
      engine = c.createEngine(next);
      c.onEngine(engine, next);
      await engine.start();
      const kept = early;
      early = [];
      for (const message of kept) engine.receive(message.bytes, message.from);
    } else c.onEngine(null, next);
  }

  return {
    /** Starts or switches engines to the chain's current set; calls run one after another. */
    update(): Promise<void> {
      switching = switching.then(update, update);
      return switching;
    },
    /** A consensus message: to the engine, or kept when a change of set is scheduled. */
    receive(bytes: Uint8Array, from: Uint8Array | undefined): void {
      if (engine) engine.receive(bytes, from);
      const scheduled = c.chain.validators(U64_MAX);
      const changing =
        epoch !== null &&
        keyOfSet(scheduled.validators) !== keyOfSet(epoch.validators) &&
        c.chain.height() + 2n >= scheduled.since; // deciding the last height of this set
      if (changing) {
        early.push({ bytes, from });
        if (early.length > MAX_EARLY_MESSAGES) early = early.slice(-MAX_EARLY_MESSAGES);
      } else if (early.length > 0) early = [];
    },
    engine: (): Pbft | null => engine,
    epoch: (): ValidatorEpoch | null => epoch,
    async stop(): Promise<void> {
      stopped = true;
      await switching.catch(() => {});
      engine?.stop();
      engine = null;
    },
  };
}
