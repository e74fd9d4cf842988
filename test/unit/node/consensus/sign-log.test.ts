// The sign log: one digest per (kind, height, view), also across a reopen of keyvalue.db.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Level } from 'level';
import {
  createLevelSignLog,
  decodeSignLogRecord,
  encodeSignLogValue,
  openLevelSignLog,
} from '../../../../node/consensus/level-sign-log.ts';
import {
  createMemorySignLog,
  type SignLog,
  SignLogConflictError,
  type SignLogEntry,
} from '../../../../node/consensus/sign-log.ts';

const digest = (n: number) => new Uint8Array(32).fill(n);
const entry = (
  kind: SignLogEntry['kind'],
  height: bigint,
  view: bigint,
  n: number,
  proof?: Uint8Array,
): SignLogEntry => ({
  kind,
  height,
  view,
  digest: digest(n),
  body: new Uint8Array([n, n + 1, n + 2]),
  ...(proof ? { proof } : {}),
});

const sorted = (entries: SignLogEntry[]) =>
  entries.sort((a, b) =>
    `${a.kind}${a.height}/${a.view}`.localeCompare(`${b.kind}${b.height}/${b.view}`),
  );

async function rules(log: SignLog): Promise<void> {
  await log.record(entry('prepare', 5n, 0n, 1));
  await log.record(entry('prepare', 5n, 0n, 1)); // the same again: fine
  await assert.rejects(log.record(entry('prepare', 5n, 0n, 2)), (error: unknown) => {
    assert.ok(error instanceof SignLogConflictError);
    assert.equal(error.code, 'SIGN_LOG_CONFLICT');
    assert.deepEqual([error.kind, error.height, error.view], ['prepare', 5n, 0n]);
    return true;
  });
  await log.record(entry('prepare', 5n, 1n, 2)); // another view
  await log.record(entry('commit', 5n, 0n, 1, new Uint8Array([9]))); // another kind
  await log.record(entry('commit', 5n, 0n, 1, new Uint8Array([8]))); // a new proof replaces the old
  await log.record(entry('view-change', 0n, 2n, 3));
  await log.record(entry('checkpoint', 8n, 0n, 4));
  const all = sorted(await log.entries());
  assert.equal(all.length, 5);
  assert.deepEqual(all.find((e) => e.kind === 'commit')?.proof, new Uint8Array([8]));
  await log.prune({ height: 8n, view: 3n });
  assert.deepEqual(
    (await log.entries()).map((e) => e.kind),
    ['checkpoint'],
    'heights below 8 and view changes below view 3 are gone',
  );
}

describe('memory sign log', () => {
  it('refuses a second digest for one (kind, height, view) and prunes', async () => {
    await rules(createMemorySignLog());
  });
});

describe('LevelDB sign log', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pvchain-sign-log-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps its rules across a reopen of keyvalue.db', async () => {
    const path = join(dir, 'keyvalue.db');
    let log = await openLevelSignLog(path);
    await rules(log);
    await log.record(entry('prepare', 9n, 4n, 6, new Uint8Array(1000).fill(3)));
    const before = sorted(await log.entries());
    await log.close();

    log = await openLevelSignLog(path);
    assert.deepEqual(sorted(await log.entries()), before);
    await assert.rejects(log.record(entry('prepare', 9n, 4n, 7)), SignLogConflictError);
    await log.close();
  });

  it('shares an open handle, and refuses a conflict while the first write is in flight', async () => {
    const db = new Level<Uint8Array, Uint8Array>(join(dir, 'shared.db'), {
      keyEncoding: 'view',
      valueEncoding: 'view',
    });
    const log = await createLevelSignLog(db);
    const first = log.record(entry('commit', 3n, 1n, 1));
    await assert.rejects(log.record(entry('commit', 3n, 1n, 2)), SignLogConflictError);
    await first;
    await db.close();
  });

  it('encodes a record and reads it back', () => {
    const e = entry('new-view', 0n, 7n, 5, new Uint8Array(64).fill(1));
    const key = new Uint8Array([0x41, 5, ...new Uint8Array(8), 0, 0, 0, 0, 0, 0, 0, 7]);
    assert.deepEqual(decodeSignLogRecord(key, encodeSignLogValue(e)), e);
    assert.throws(
      () => decodeSignLogRecord(key, encodeSignLogValue(e).subarray(0, 10)),
      RangeError,
    );
  });
});
