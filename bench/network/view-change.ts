// The view-change phase of the network benchmark: a fresh network per trial, under light load;
// the primary of the current view is SIGKILLed and the time to the next block committed in a later
// view is taken (the backups notice the silence only through their progress timer, so this
// includes that timeout). Then the killed validator is restarted on its data: whether it takes
// part in consensus again, and whether any validator stops by itself meanwhile, is reported.
import { address } from '../../test/support/community.ts';
import { networkValidatorKey } from '../../test/support/network.ts';
import { median } from '../measure.ts';
import { drive } from './load-driver.ts';
import type { SignedPayment } from './payments.ts';
import { type LoadContext, settle } from './phases.ts';
import { type NetworkSetup, startLoadNetwork } from './setup.ts';

export type ViewChangeTrial = {
  killed: number;
  fromView: number;
  toView: number;
  /** SIGKILL to the first commit in a later view; Infinity when none came in time. */
  ms: number;
};

export type ViewChanges = { trials: ViewChangeTrial[]; medianMs: number; notes: string[] };

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Test-network validator index of the primary of `view`: validators by address, view mod n. */
export function primaryOf(view: number, validators: number): number {
  const order = Array.from({ length: validators }, (_, i) => i).sort((a, b) =>
    hex(address(networkValidatorKey(a))) < hex(address(networkValidatorKey(b))) ? -1 : 1,
  );
  return order[view % validators] as number;
}

/** Whether validator `i` committed, after `afterMs`, a height it did not get by block sync. */
function tookPart(ctx: LoadContext, i: number, afterMs: number): boolean {
  const events = ctx.net.validators[i]?.events ?? [];
  const synced = events
    .filter((e) => e.event === 'synced')
    .map((e) => [Number(e.from), Number(e.to)] as const);
  return events.some(
    (e) =>
      e.event === 'committed' &&
      e.timeMs > afterMs &&
      !synced.some(([from, to]) => Number(e.height) > from && Number(e.height) <= to),
  );
}

const stoppedBySelf = (ctx: LoadContext): string[] =>
  ctx.net.validators.flatMap((v, i) => {
    const stopped = v.events.findLast((e) => e.event === 'stopped');
    return stopped
      ? [`validator ${i} stopped by itself (${stopped.error ?? 'no reason given'})`]
      : [];
  });

async function trial(
  ctx: LoadContext,
  options: { loadPerSecond: number; timeoutMs: number; env: Record<string, string> },
  notes: string[],
): Promise<ViewChangeTrial> {
  const { net, watch } = ctx;
  let done = false;
  const payments = ctx.peek(ctx.remaining());
  const load = drive(
    ctx.clients,
    payments.map((p) => p.envelope),
    { ratePerSecond: options.loadPerSecond, durationMs: 10 * 60_000, stop: () => done },
  );
  try {
    const since = Date.now();
    const everyone = () => net.validators.every((_, i) => tookPart(ctx, i, since));
    await settle(ctx, everyone, options.timeoutMs);
    const fromView = watch.blocks().at(-1)?.view ?? 0;
    const killed = primaryOf(fromView, net.validators.length);
    const killedAtMs = Date.now();
    await net.kill(killed);
    const later = () => watch.blocks().find((b) => b.timeMs > killedAtMs && b.view > fromView);
    await settle(ctx, () => later() !== undefined, options.timeoutMs);
    const block = later();
    // The killed validator back on its data: it should take part again and keep running.
    const restartedAtMs = Date.now();
    net.start(killed, options.env);
    const back = await settle(ctx, () => tookPart(ctx, killed, restartedAtMs), options.timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    if (!back) notes.push(`restarted validator ${killed} did not take part in consensus again`);
    notes.push(...stoppedBySelf(ctx));
    return {
      killed,
      fromView,
      toView: block?.view ?? fromView,
      ms: block ? block.timeMs - killedAtMs : Number.POSITIVE_INFINITY,
    };
  } finally {
    done = true;
    ctx.consume((await load).sent);
  }
}

/** `trials` fresh networks, each fed `loadPerSecond` payments, each losing its primary once. */
export async function measureViewChanges(
  setup: NetworkSetup,
  payments: SignedPayment[],
  options: { trials: number; loadPerSecond: number; timeoutMs: number },
): Promise<ViewChanges> {
  const trials: ViewChangeTrial[] = [];
  const notes: string[] = [];
  for (let i = 0; i < options.trials; i++) {
    const ctx = await startLoadNetwork(setup, payments);
    try {
      const trialNotes: string[] = [];
      trials.push(await trial(ctx, { ...options, env: setup.env }, trialNotes));
      notes.push(...trialNotes.map((note) => `trial ${i + 1}: ${note}`));
    } finally {
      await ctx.close();
    }
  }
  const medianMs = trials.length > 0 ? median(trials.map((t) => t.ms)) : Number.NaN;
  return { trials, medianMs, notes };
}
