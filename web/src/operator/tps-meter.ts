// Transactions per second of the committed blocks: their transactions over the span of their
// block times, across the last blocks the live feed reported (at most WINDOW).
const WINDOW = 20;

export class TpsMeter {
  #blocks: { timeMs: bigint; transactions: number }[] = [];

  /** Adds a block; the rate once two blocks are known, else null. */
  add(timeMs: bigint, transactions: number): number | null {
    this.#blocks.push({ timeMs, transactions });
    if (this.#blocks.length > WINDOW) this.#blocks.shift();
    const first = this.#blocks[0];
    const last = this.#blocks.at(-1);
    if (!first || !last || last.timeMs <= first.timeMs) return null;
    const counted = this.#blocks.slice(1).reduce((n, b) => n + b.transactions, 0);
    return (counted * 1000) / Number(last.timeMs - first.timeMs);
  }
}
