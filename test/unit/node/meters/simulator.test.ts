// The meter simulator's engine: the same seed gives the same signed bytes; sequences, registers
// and clocks only rise, also across days and runs; the meters' signatures verify; readings are
// batched into transactions with consecutive nonces; the clock runs fast or waits; abort stops.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getPublicKey, verify } from '../../../../assembly/bindings/crypto.node.ts';
import { DEFAULT_SITE } from '../../../../node/meters/household-day-options.ts';
import {
  createAcceleratedClock,
  localTimeMs,
  meterReadingPayload,
  readingTicks,
  runMeterSimulation,
  type SimulatedMeter,
} from '../../../../node/meters/simulator/index.ts';
import {
  CHAIN_ID,
  DATE,
  RELAY_KEY,
  recordingSubmit,
  testMeters,
  u64,
} from './simulator-support.ts';

const plan = { date: DATE, days: 2, intervalMinutes: 15, site: DEFAULT_SITE };

async function fastRun(meters: SimulatedMeter[], extra: { days?: number; max?: number } = {}) {
  const recorder = recordingSubmit();
  const result = await runMeterSimulation(
    {
      chainId: CHAIN_ID,
      date: DATE,
      days: extra.days ?? 1,
      speed: Number.POSITIVE_INFINITY,
      meters,
      relaySecretKey: RELAY_KEY,
      ...(extra.max ? { maxReadingsPerTransaction: extra.max } : {}),
    },
    { submit: recorder.submit, relayNonce: () => 41n },
  );
  return { result, recorder };
}

describe('meter simulator', () => {
  it('gives the same transaction bytes for the same seed, and other bytes for another', async () => {
    const first = await fastRun(testMeters(3, 7));
    const again = await fastRun(testMeters(3, 7));
    const other = await fastRun(testMeters(3, 8));
    const bytes = (run: typeof first) => run.recorder.all().map((tx) => Buffer.from(tx.bytes));
    assert.equal(bytes(first).length, 96);
    assert.deepEqual(bytes(again), bytes(first));
    assert.notDeepEqual(bytes(other), bytes(first));
  });

  it('numbers readings from 1 and never lets a register or the clock go back, over days', () => {
    const meters = testMeters(4);
    const ticks = [...readingTicks(meters, plan)];
    assert.equal(ticks.length, 192);
    const endOfFirstDay = ticks[95];
    assert.equal(endOfFirstDay?.timeMs, localTimeMs(DEFAULT_SITE, '2025-06-22', 0));
    meters.forEach((meter, k) => {
      const readings = ticks.map((t) => t.readings[k]);
      readings.forEach((r, i) => {
        assert.equal(r?.meterId, meter.meterId);
        assert.equal(r?.sequence, i + 1);
        const before = readings[i - 1];
        if (!before || !r) return;
        assert.ok(r.timeMs > before.timeMs);
        assert.ok(r.exportedWh >= before.exportedWh && r.importedWh >= before.importedWh);
        assert.ok(
          r.generatedWh - before.generatedWh >= r.exportedWh - before.exportedWh,
          'each interval generates at least what it exports',
        );
      });
      const last = readings.at(-1);
      assert.ok((last?.importedWh ?? 0) > 10_000, 'two days of load');
      assert.equal((last?.exportedWh ?? 0) > 0, meter.kind === 'pv', 'only PV exports');
      if (meter.kind === 'pv')
        assert.ok((last?.generatedWh ?? 0) > (last?.exportedWh ?? 0), 'PV also used at home');
      else assert.equal(last?.generatedWh, 0, 'no panels, no generation');
    });
  });

  it('continues a meter from its last reading', () => {
    const [meter] = testMeters(1);
    const day1 = [...readingTicks([meter as SimulatedMeter], { ...plan, days: 1 })];
    const last = day1.at(-1)?.readings[0];
    assert.ok(last);
    const next = { ...(meter as SimulatedMeter), start: { ...last } };
    const day2 = [...readingTicks([next], { ...plan, date: '2025-06-22', days: 1 })];
    const first = day2[0]?.readings[0];
    assert.equal(first?.sequence, 97);
    assert.ok((first?.timeMs ?? 0) > last.timeMs);
    assert.ok((first?.importedWh ?? 0) >= last.importedWh);
    assert.ok((first?.generatedWh ?? 0) >= last.generatedWh);
    assert.ok((day2.at(-1)?.readings[0]?.generatedWh ?? 0) > last.generatedWh, 'PV on day 2');
  });

  it('signs each reading with the meter key and each transaction with the relay key', async () => {
    const meters = testMeters(3);
    const { recorder } = await fastRun(meters);
    const relay = getPublicKey(RELAY_KEY);
    const ticks = [...readingTicks(meters, { ...plan, days: 1 })];
    recorder.all().forEach((tx, t) => {
      assert.deepEqual(
        tx.readings.map((signed) => u64(signed.reading?.generatedWh)),
        ticks[t]?.readings.map((r) => BigInt(r.generatedWh)),
        'each signed reading carries its generation register',
      );
    });
    const noon = recorder.all()[47]?.readings.map((signed) => u64(signed.reading?.generatedWh));
    assert.ok((noon?.[0] ?? 0n) > 0n && noon?.[1] === 0n, 'PV meter generates, ordinary does not');
    for (const tx of recorder.all()) {
      assert.equal(tx.readings.length, 3);
      tx.readings.forEach((signed, k) => {
        const key = getPublicKey((meters[k] as SimulatedMeter).secretKey);
        const payload = meterReadingPayload(CHAIN_ID, signed.reading ?? {});
        assert.ok(verify(signed.signature as Uint8Array, payload, key));
        assert.ok(!verify(signed.signature as Uint8Array, payload, relay));
      });
    }
  });

  it('batches a tick into transactions of at most the limit, nonces following the relay’s', async () => {
    const { recorder, result } = await fastRun(testMeters(10), { max: 4 });
    assert.equal(recorder.calls.length, 96, 'one submit per tick');
    for (const call of recorder.calls)
      assert.deepEqual(
        call.map((tx) => tx.readings.length),
        [4, 4, 2],
      );
    assert.deepEqual(
      recorder.all().map((tx) => tx.nonce),
      Array.from({ length: 288 }, (_, i) => 42n + BigInt(i)),
    );
    const ids = recorder.calls[0]?.flatMap((tx) => tx.readings.map((r) => r.reading?.meterId));
    assert.deepEqual(
      ids,
      testMeters(10).map((m) => m.meterId),
    );
    assert.equal(result.lastNonce, 329n);
    assert.equal(result.lastContiguousNonce, 329n);
    assert.equal(result.readingsSubmitted, 960);
    assert.equal(u64(recorder.all()[0]?.readings[0]?.reading?.sequence), 1n);
  });

  it('reports progress per tick and stops at an abort', async () => {
    const controller = new AbortController();
    const recorder = recordingSubmit();
    const seen: number[] = [];
    const result = await runMeterSimulation(
      {
        chainId: CHAIN_ID,
        date: DATE,
        speed: Number.POSITIVE_INFINITY,
        meters: testMeters(2),
        relaySecretKey: RELAY_KEY,
        signal: controller.signal,
      },
      {
        submit: recorder.submit,
        relayNonce: () => 0n,
        onProgress: (p) => {
          seen.push(p.tick);
          assert.equal(p.ticks, 96);
          assert.equal(p.readingsSubmitted, p.tick * 2);
          if (p.tick === 3) controller.abort();
        },
      },
    );
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(result.aborted, true);
    assert.equal(result.ticks, 3);
    assert.equal(recorder.calls.length, 3);
  });

  it('waits on the accelerated clock, and an abort ends the wait', async () => {
    const controller = new AbortController();
    const recorder = recordingSubmit();
    // 60x: the first reading is 15 real seconds away; the abort comes first.
    const run = runMeterSimulation(
      {
        chainId: CHAIN_ID,
        date: DATE,
        speed: 60,
        meters: testMeters(2),
        relaySecretKey: RELAY_KEY,
        signal: controller.signal,
      },
      { submit: recorder.submit, relayNonce: () => 0n },
    );
    setImmediate(() => controller.abort());
    const result = await run;
    assert.equal(result.aborted, true);
    assert.equal(result.ticks, 0);
    assert.equal(recorder.calls.length, 0);
  });

  it('the clock waits until simulated time is reached, at once when it already is', async () => {
    let now = 1000;
    const clock = createAcceleratedClock(3600, { nowMs: () => now });
    now += 250; // a quarter real second: 15 simulated minutes
    await clock.waitFor(15 * 60_000); // already reached: resolves without a timer
    // Not reached: the wait goes on until the abort.
    const controller = new AbortController();
    let resolved = false;
    const waiting = clock.waitFor(3_600_000, controller.signal).then(() => {
      resolved = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(resolved, false);
    controller.abort();
    await waiting;
    const fast = createAcceleratedClock(Number.POSITIVE_INFINITY);
    await fast.waitFor(365 * 86_400_000);
    assert.throws(() => createAcceleratedClock(0), RangeError);
  });

  it('refuses options that cannot run, naming them', async () => {
    const run = (extra: object, meters = testMeters(1)) =>
      runMeterSimulation(
        { chainId: CHAIN_ID, date: DATE, meters, relaySecretKey: RELAY_KEY, ...extra },
        { submit: recordingSubmit().submit, relayNonce: () => 0n },
      );
    await assert.rejects(run({ date: '2025-02-30' }), /date/);
    await assert.rejects(run({ intervalMinutes: 7 }), /intervalMinutes/);
    await assert.rejects(run({ speed: 0 }), /speed/);
    await assert.rejects(run({ days: 0 }), /days/);
    const [meter] = testMeters(1);
    const late = {
      ...(meter as SimulatedMeter),
      start: {
        sequence: 5,
        exportedWh: 0,
        importedWh: 0,
        generatedWh: 0,
        timeMs: localTimeMs(DEFAULT_SITE, DATE, 60),
      },
    };
    await assert.rejects(run({}, [late]), /date 2025-06-21 begins before meter M-0/);
  });
});
