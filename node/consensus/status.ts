// What the engine reports: its status (height, view, phase, watermarks, whether it is behind)
// and the listeners told of every change.
import { type Engine, high, isPrimary, low, mineKey, timeoutMs } from './engine-state.ts';
import type { PbftPhase, PbftStatus } from './types.ts';
import { equalBytes } from './validator-set.ts';

function phaseOf(e: Engine): PbftPhase {
  if (!e.running) return 'stopped';
  if (e.mode === 'view-change') return 'view-change';
  if (e.round.committing) return 'committing';
  if (e.mine.has(mineKey('commit', e.height, e.view))) return 'prepared';
  if (
    e.mine.has(mineKey('prepare', e.height, e.view)) ||
    (isPrimary(e, e.view) && e.log.prePrepare(e.height, e.view))
  )
    return 'pre-prepared';
  if (e.round.executing) return 'validating';
  if (e.round.proposing) return 'proposing';
  return 'waiting';
}

export function statusOf(e: Engine): PbftStatus {
  const primary = e.config.set.primary(e.view).address;
  return {
    height: e.height,
    view: e.view,
    phase: phaseOf(e),
    viewChangeTo: e.mode === 'view-change' ? e.viewChangeTo : null,
    primary,
    isPrimary: equalBytes(primary, e.config.self.address),
    lowWatermark: low(e),
    highWatermark: high(e),
    timeoutMs: timeoutMs(e),
    behind: e.behind ? { height: e.behind.height } : null,
    counters: { ...e.counters },
  };
}

export function emitStatus(e: Engine): void {
  if (e.listeners.size === 0) return;
  const s = statusOf(e);
  const key = `${s.height}/${s.view}/${s.phase}/${s.viewChangeTo}/${s.behind?.height}/${s.lowWatermark}`;
  if (key === e.lastStatusKey) return;
  e.lastStatusKey = key;
  for (const listener of e.listeners) listener(s);
}
