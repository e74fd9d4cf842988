// Peer scores: every peer starts at 0; penalties lower it, time brings it back towards 0. At the
// ban threshold the peer is banned for banMs: disconnected, and its dials and connections refused.
// When a ban ends the peer restarts at half the threshold, so a repeat offender is banned sooner.

export type PeerScoresOptions = {
  banThreshold?: number;
  banMs?: number;
  recoveryPerSecond?: number;
  now?: () => number;
};

export type PeerScores = {
  /** Lowers the score; returns the new score and whether this penalty started a ban. */
  penalise(peerId: string, amount: number): { score: number; banned: boolean };
  score(peerId: string): number;
  isBanned(peerId: string): boolean;
  /** Milliseconds left of the peer's ban (0 when it is not banned). */
  banRemainingMs(peerId: string): number;
};

type Entry = { score: number; at: number; bannedUntil: number };

export const DEFAULT_BAN_THRESHOLD = -100;
export const DEFAULT_BAN_MS = 5 * 60_000;
export const DEFAULT_RECOVERY_PER_SECOND = 1;

export function createPeerScores(options: PeerScoresOptions = {}): PeerScores {
  const threshold = options.banThreshold ?? DEFAULT_BAN_THRESHOLD;
  const banMs = options.banMs ?? DEFAULT_BAN_MS;
  const recovery = options.recoveryPerSecond ?? DEFAULT_RECOVERY_PER_SECOND;
  const now = options.now ?? Date.now;
  if (!(threshold < 0)) throw new RangeError('banThreshold must be negative');
  if (!(banMs >= 0) || !(recovery >= 0)) throw new RangeError('banMs and recovery must be >= 0');
  const entries = new Map<string, Entry>();

  /** The entry brought up to now (recovery, end of ban); forgotten when back at 0. */
  function current(peerId: string): Entry | undefined {
    const entry = entries.get(peerId);
    if (!entry) return undefined;
    const t = now();
    if (entry.bannedUntil > 0 && t >= entry.bannedUntil) {
      entry.bannedUntil = 0;
      entry.score = threshold / 2;
      entry.at = t;
    }
    if (entry.bannedUntil === 0) {
      entry.score = Math.min(0, entry.score + (recovery * (t - entry.at)) / 1000);
      entry.at = t;
      if (entry.score === 0) {
        entries.delete(peerId);
        return undefined;
      }
    }
    return entry;
  }

  return {
    penalise(peerId, amount) {
      if (!(amount > 0) || !Number.isFinite(amount)) {
        throw new RangeError('a penalty must be a positive number');
      }
      const entry = current(peerId) ?? { score: 0, at: now(), bannedUntil: 0 };
      entries.set(peerId, entry);
      entry.score -= amount;
      const banned = entry.bannedUntil === 0 && entry.score <= threshold;
      if (banned) entry.bannedUntil = now() + banMs;
      return { score: entry.score, banned };
    },
    score: (peerId) => current(peerId)?.score ?? 0,
    isBanned: (peerId) => (current(peerId)?.bannedUntil ?? 0) > 0,
    banRemainingMs(peerId) {
      const until = current(peerId)?.bannedUntil ?? 0;
      return until > 0 ? until - now() : 0;
    },
  };
}
