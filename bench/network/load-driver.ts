// The load generator of the network benchmark: publishes pre-signed transactions through one or
// more non-validator gossip clients, round robin, with a bounded number of publishes in flight
// (gossipsub's publish is async; awaiting each in turn would make the client the bottleneck).
// Either paced at a fixed offered rate, or as fast as the `ready` gate allows (saturation). It
// records when each transaction was handed to the client, and how busy the client was.

export type Publisher = { publishTransaction(bytes: Uint8Array): Promise<void> };

export type DriveOptions = {
  /** Offered transactions per second; omitted: as fast as possible (while `ready()` holds). */
  ratePerSecond?: number;
  /** Stop offering after this long. */
  durationMs: number;
  /** Saturation's back-pressure: given the count sent so far, checked before each slice, waits 5 ms while it is false. */
  ready?: (sent: number) => boolean;
  /** Stops offering early once this returns true. */
  stop?: () => boolean;
  /** Publishes awaited at most at once per client. */
  inFlight?: number;
};

export type DriveResult = {
  /** Date.now() when transaction i was handed to a client; only the first `sent` are set. */
  submittedAtMs: Float64Array;
  sent: number;
  failed: number;
  elapsedMs: number;
  /** Milliseconds spent inside publish calls (client CPU), and waiting on the gate. */
  publishMs: number;
  gatedMs: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function drive(
  clients: Publisher[],
  envelopes: Uint8Array[],
  options: DriveOptions,
): Promise<DriveResult> {
  const limit = (options.inFlight ?? 512) * clients.length;
  const submittedAtMs = new Float64Array(envelopes.length);
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let failed = 0;
  let publishMs = 0;
  let gatedMs = 0;
  const started = performance.now();
  const startedAt = Date.now();
  const elapsed = () => performance.now() - started;
  while (sent < envelopes.length && elapsed() < options.durationMs && !options.stop?.()) {
    let due = envelopes.length;
    if (options.ratePerSecond) {
      due = Math.min(due, Math.floor((elapsed() * options.ratePerSecond) / 1000));
      if (due <= sent) {
        await sleep(Math.max(1, ((sent + 1) * 1000) / options.ratePerSecond - elapsed()));
        continue;
      }
    }
    if (options.ready && !options.ready(sent)) {
      const waitStart = performance.now();
      await sleep(5);
      gatedMs += performance.now() - waitStart;
      continue;
    }
    // A slice of sends, then yield so the event loop reads the nodes' lines and the sockets.
    const end = Math.min(due, sent + 200);
    const sliceStart = performance.now();
    while (sent < end) {
      if (pending.size >= limit) await Promise.race(pending);
      const i = sent++;
      submittedAtMs[i] = Date.now();
      const client = clients[i % clients.length] as Publisher;
      const publish = client
        .publishTransaction(envelopes[i] as Uint8Array)
        .catch(() => {
          failed++;
        })
        .finally(() => pending.delete(publish));
      pending.add(publish);
    }
    publishMs += performance.now() - sliceStart;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(pending);
  return {
    submittedAtMs,
    sent,
    failed,
    elapsedMs: Date.now() - startedAt,
    publishMs,
    gatedMs,
  };
}
