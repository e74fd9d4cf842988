// A simulated network between validators: every message takes a seeded random delay, may be
// dropped, and does not cross a partition; a crashed node (detached) receives nothing.
import type { Random } from '../../../shared/random.ts';
import type { SimClock } from './sim-clock.ts';

type Receiver = (bytes: Uint8Array, from: Uint8Array) => void;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export type SimNetworkOptions = {
  clock: SimClock;
  random: Random;
  minDelayMs: number;
  maxDelayMs: number;
  /** Probability of losing each message, 0 .. 1. */
  dropRate: number;
};

export type SimNetwork = ReturnType<typeof createSimNetwork>;

export function createSimNetwork(opts: SimNetworkOptions) {
  const addresses: Uint8Array[] = [];
  const receivers = new Map<string, Receiver>();
  let groups: Map<string, number> | null = null;
  let dropRate = opts.dropRate;
  const stats = { sent: 0, dropped: 0, delivered: 0 };

  function send(from: Uint8Array, to: Uint8Array, bytes: Uint8Array): void {
    stats.sent++;
    const a = hex(from);
    const b = hex(to);
    if (groups && groups.get(a) !== groups.get(b)) return void stats.dropped++;
    if (dropRate > 0 && opts.random.int(1_000_000) < dropRate * 1_000_000)
      return void stats.dropped++;
    const delay = opts.minDelayMs + opts.random.int(opts.maxDelayMs - opts.minDelayMs + 1);
    opts.clock.setTimer(delay, () => {
      const receive = receivers.get(b);
      if (!receive || (groups && groups.get(a) !== groups.get(b))) return void stats.dropped++;
      stats.delivered++;
      receive(bytes.slice(), from);
    });
  }

  return {
    stats,
    register(address: Uint8Array): void {
      addresses.push(address);
    },
    attach(address: Uint8Array, receive: Receiver): void {
      receivers.set(hex(address), receive);
    },
    detach(address: Uint8Array): void {
      receivers.delete(hex(address));
    },
    send,
    broadcast(from: Uint8Array, bytes: Uint8Array): void {
      for (const to of addresses) if (hex(to) !== hex(from)) send(from, to, bytes);
    },
    /** Only nodes in the same group reach each other (until heal). */
    partition(...parts: Uint8Array[][]): void {
      groups = new Map();
      parts.forEach((part, i) => {
        for (const address of part) groups?.set(hex(address), i);
      });
    },
    heal(): void {
      groups = null;
    },
    setDropRate(rate: number): void {
      dropRate = rate;
    },
  };
}
