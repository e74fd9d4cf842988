// What the network benchmark reads from the validators' `committed` lines: each height once, at
// the time the first validator committed it (a block is final as soon as one honest validator
// holds its commit certificate), with its view, transaction count and (PVCHAIN_LOG_TX_HASHES=1)
// the hashes of its transactions; and the CPU time of each validator process (Linux /proc).
import { readFileSync } from 'node:fs';
import type { NodeEvent, TestNetwork } from '../../test/support/network.ts';

export type SeenBlock = { height: number; timeMs: number; view: number; transactions: number };

export type ChainWatch = {
  /** Reads the lines that arrived since the last call. */
  update(): void;
  /** Blocks by height, each at its first commit anywhere. */
  blocks(): SeenBlock[];
  /** When the block holding the transaction with this hash was first committed. */
  committedAtMs(hashHex: string): number | undefined;
  /** Transactions in blocks first committed in [fromMs, toMs). */
  transactionsBetween(fromMs: number, toMs: number): number;
  totalTransactions(): number;
};

export function watchChain(net: TestNetwork): ChainWatch {
  const byHeight = new Map<number, SeenBlock>();
  const txTime = new Map<string, number>();
  const read = net.validators.map(() => 0);
  let total = 0;

  function see(event: NodeEvent): void {
    const height = Number(event.height);
    const known = byHeight.get(height);
    if (known && known.timeMs <= event.timeMs) return;
    const block = {
      height,
      timeMs: event.timeMs,
      view: Number(event.view),
      transactions: Number(event.transactions),
    };
    if (!known) total += block.transactions;
    byHeight.set(height, block);
    const hashes = event.txHashes;
    if (Array.isArray(hashes))
      for (const hash of hashes) {
        const seen = txTime.get(hash as string);
        if (seen === undefined || seen > event.timeMs) txTime.set(hash as string, event.timeMs);
      }
  }

  return {
    update() {
      for (const [i, v] of net.validators.entries()) {
        const events = v.events;
        for (let k = read[i] as number; k < events.length; k++) {
          const event = events[k] as NodeEvent;
          if (event.event === 'committed') see(event);
        }
        read[i] = events.length;
      }
    },
    blocks: () => [...byHeight.values()].sort((a, b) => a.height - b.height),
    committedAtMs: (hashHex) => txTime.get(hashHex),
    transactionsBetween(fromMs, toMs) {
      let n = 0;
      for (const block of byHeight.values())
        if (block.timeMs >= fromMs && block.timeMs < toMs) n += block.transactions;
      return n;
    },
    totalTransactions: () => total,
  };
}

/** User + system CPU milliseconds of a process so far (Linux), or NaN where /proc is missing. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) in clock ticks; 100 ticks a second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The validators' CPU milliseconds so far, one per validator (NaN for one not running). */
export const validatorsCpuMs = (net: TestNetwork): number[] =>
  net.validators.map((v) => processCpuMs(v.process?.pid));
