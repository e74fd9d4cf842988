// `pvchain devnet`: prepares the demo network's data dir, runs its four validators as child
// processes, forwards their important lines, prints what to open once they are ready and a
// progress line every few seconds. A validator that dies is reported and the others keep running
// (the user may restart it by hand). Ctrl-C (or SIGTERM) stops them all: SIGTERM to each, a
// bounded wait for it to exit, SIGKILL after that; then exit code 130.
import { resolve } from 'node:path';
import { type CliIo, ExitCode } from '../cli-io.ts';
import { DevnetDataError, prepareDevnetData } from './devnet-data.ts';
import { createDevnetReport, type ReadyValidator } from './devnet-report.ts';
import { openApp, shouldOpenApp } from './open-app.ts';
import type { NodeEvent } from './validator-process.ts';
import { startValidatorProcess, type ValidatorProcess } from './validator-process.ts';

export type DevnetCommandOptions = {
  data: string;
  speed: number;
  /** false with --no-meters. */
  meters: boolean;
  basePort: number;
  /** --open (true), --no-open (false), neither (undefined: open when interactive). */
  open?: boolean;
  /** Seconds between progress lines (a hidden option, for tests). */
  progressSeconds?: number;
};

/** How long a validator may take to stop before it is killed. */
const STOP_TIMEOUT_MS = 10_000;
const DEFAULT_PROGRESS_SECONDS = 5;

/** Opens the web app in a browser if the user wants it (open-app.ts) and says what happened. */
async function openWhenWanted(
  validators: ReadyValidator[],
  flag: boolean | undefined,
  io: CliIo,
  report: ReturnType<typeof createDevnetReport>,
): Promise<void> {
  const app = validators.find((v) => v.app)?.app;
  if (!app) return;
  const choice = shouldOpenApp({
    flag,
    interactive: io.outIsTTY === true,
    platform: process.platform,
    env: io.env ?? process.env,
  });
  if (choice.open) report.line(await openApp(app));
  else report.line(`not opening a browser (${choice.why}): open ${app}`);
}

export async function runDevnet(options: DevnetCommandOptions, io: CliIo): Promise<ExitCode> {
  const report = createDevnetReport(io.out);
  const dataDir = resolve(options.data);
  const meterSpeed = options.meters ? options.speed : undefined;
  let data: Awaited<ReturnType<typeof prepareDevnetData>>;
  try {
    data = await prepareDevnetData({ dataDir, basePort: options.basePort, meterSpeed });
  } catch (error) {
    if (!(error instanceof DevnetDataError)) throw error;
    io.err(`error: ${error.message}\n`);
    return ExitCode.FAILURE;
  }
  report.start(data, meterSpeed);

  const stopRequested = new AbortController();
  const onSigterm = (): void => stopRequested.abort();
  process.once('SIGTERM', onSigterm);
  const stop = AbortSignal.any([io.interrupt, stopRequested.signal]);
  let stopping = false;
  let wake = (): void => {};
  const changed = (): void => wake();

  const count = data.configFiles.length;
  const ready = new Map<number, ReadyValidator>();
  const dead = new Set<number>();
  let bannerShown = false;
  let countedHeight = 0;
  let transactions = 0;
  let view = '-';
  let meters: NodeEvent | undefined;

  const onEvent = (i: number, e: NodeEvent): void => {
    if (e.event === 'committed') {
      const height = Number(e.height);
      if (height > countedHeight) {
        countedHeight = height;
        transactions += Number(e.transactions) || 0;
        view = String(e.view);
      }
      return;
    }
    if (e.event === 'ready') {
      const v: ReadyValidator = {
        index: i,
        height: String(e.height),
        peerId: String(e.peerId),
        addresses: Array.isArray(e.addresses) ? e.addresses.map(String) : [],
        ...(typeof e.api === 'string' && { api: e.api }),
        ...(typeof e.metrics === 'string' && { metrics: e.metrics }),
        ...(typeof e.app === 'string' && { app: e.app }),
      };
      ready.set(i, v);
      countedHeight = Math.max(countedHeight, Number(v.height));
      report.node(i, `ready at height ${v.height} (peer ${v.peerId})`);
      changed();
      return;
    }
    if (e.event === 'meters' && e.status === 'running') {
      meters = e;
      return;
    }
    report.event(i, e);
  };

  const processes: ValidatorProcess[] = data.configFiles.map((file, i) =>
    startValidatorProcess(file, {
      onEvent: (e) => onEvent(i, e),
      onText: (text) => report.node(i, text),
      onExit: (code, signal) => {
        dead.add(i);
        ready.delete(i);
        if (!stopping) report.exited(i, code, signal, file);
        changed();
      },
    }),
  );
  report.line(`started validators 0-${count - 1} (pids ${processes.map((p) => p.pid).join(', ')})`);

  const progressMs = (options.progressSeconds ?? DEFAULT_PROGRESS_SECONDS) * 1000;
  let lastTransactions = 0;
  let lastAt = performance.now();
  const progress = setInterval(() => {
    const now = performance.now();
    report.progress({
      height: countedHeight,
      view,
      txPerSecond: ((transactions - lastTransactions) * 1000) / (now - lastAt),
      transactions,
      up: processes.filter((p) => p.running()).length,
      validators: count,
      meters,
    });
    lastTransactions = transactions;
    lastAt = now;
  }, progressMs);

  // Until Ctrl-C, or until no validator is left.
  const onStop = (): void => changed();
  stop.addEventListener('abort', onStop, { once: true });
  while (!stop.aborted && dead.size < count) {
    if (!bannerShown && ready.size + dead.size === count && ready.size > 0) {
      bannerShown = true;
      const validators = [...ready.values()].sort((a, b) => a.index - b.index);
      report.ready(validators, [...dead].sort());
      void openWhenWanted(validators, options.open, io, report);
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  stop.removeEventListener('abort', onStop);
  clearInterval(progress);

  stopping = true;
  const allDied = !stop.aborted;
  if (allDied) io.err('error: every validator has exited; stopping\n');
  else report.line('stopping the validators...');
  const outcomes = await Promise.all(processes.map((p) => p.stop(STOP_TIMEOUT_MS)));
  outcomes.forEach((outcome, i) => {
    if (outcome === 'killed') report.node(i, `did not stop within ${STOP_TIMEOUT_MS} ms: killed`);
  });
  process.removeListener('SIGTERM', onSigterm);
  report.line(`all validators stopped at height ${countedHeight}; the data stays in ${dataDir}`);
  return allDied ? ExitCode.FAILURE : ExitCode.INTERRUPTED;
}
