// Faults on purpose, for tests only (PbftConfig.faults): nothing here runs unless configured.
import { bigintToLong, type pvchain } from '../../proto/index.ts';
import type { Engine } from './engine-state.ts';
import { encodeBody, envelope, prePrepareBody, signingPayload, u64 } from './messages.ts';
import { headerHash } from './normal-case.ts';
import { equalBytes } from './validator-set.ts';

/**
 * Faulty on purpose (tests only): the validators in this one's half of the set (by address) get
 * the block; the others get another block (one millisecond later) under another signed pre-prepare.
 */
export function sendConflictingPrePrepares(
  e: Engine,
  height: bigint,
  view: bigint,
  block: pvchain.v1.Block.$Properties,
  mine: Uint8Array,
): void {
  const header = block.header ?? {};
  const other = { ...block, header: { ...header, timeMs: bigintToLong(u64(header.timeMs) + 1n) } };
  const otherBody = prePrepareBody(height, view, headerHash(e, other), e.config.self.address);
  const otherSignature = e.config.self.sign(
    signingPayload(e.config.chainId, 'prePrepare', encodeBody('prePrepare', otherBody)),
  );
  const theirs = envelope('prePrepare', otherBody, otherSignature, other);
  const sorted = e.config.set.sorted;
  const half = Math.floor(sorted.length / 2);
  const selfIndex = sorted.findIndex((v) => equalBytes(v.address, e.config.self.address));
  sorted.forEach((validator, i) => {
    if (i !== selfIndex)
      e.env.sendTo(validator.address, i < half === selfIndex < half ? mine : theirs);
  });
}
