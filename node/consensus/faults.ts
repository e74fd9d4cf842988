// Faults on purpose, for tests only (PbftConfig.faults): nothing here runs unless configured.
import { bigintToLong, type pvchain } from '../../proto/index.ts';
import type { Engine } from './engine-state.ts';
import { encodeBody, envelope, prePrepareBody, signingPayload, u64 } from './messages.ts';
import { headerHash } from './normal-case.ts';
import { equalBytes } from './validator-set.ts';

/**
 * Faulty on purpose (tests only): every other validator gets a block of its own (the block, then
 * copies one millisecond later each) under its own signed pre-prepare, so no block can gather a
 * quorum and any two honest validators hold conflicting pre-prepares.
 */
export function sendConflictingPrePrepares(
  e: Engine,
  height: bigint,
  view: bigint,
  block: pvchain.v1.Block.$Properties,
  mine: Uint8Array,
): void {
  const header = block.header ?? {};
  const others = e.config.set.sorted.filter((v) => !equalBytes(v.address, e.config.self.address));
  others.forEach((validator, i) => {
    if (i === 0) {
      e.env.sendTo(validator.address, mine);
      return;
    }
    const time = bigintToLong(u64(header.timeMs) + BigInt(i));
    const other = { ...block, header: { ...header, timeMs: time } };
    const body = prePrepareBody(height, view, headerHash(e, other), e.config.self.address);
    const signature = e.config.self.sign(
      signingPayload(e.config.chainId, 'prePrepare', encodeBody('prePrepare', body)),
    );
    e.env.sendTo(validator.address, envelope('prePrepare', body, signature, other));
  });
}
