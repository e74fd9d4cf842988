// The serving side of block sync on a real ledger.db: status, blocks bounded by count and bytes,
// every malformed or out-of-range request answered with SyncResponse.error, never a throw.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hash } from '../../../../assembly/bindings/crypto.ts';
import {
  createSyncServer,
  decodeSyncResponse,
  encodeBlocksRequest,
  encodeStatusRequest,
  type SyncServerComponents,
  type SyncServerOptions,
} from '../../../../node/sync/index.ts';
import { encodeCanonical, longToBigint, pvchain } from '../../../../proto/index.ts';
import { growTo, openTestChain, removeDirs, rules, type TestChain } from './sync-harness.ts';

const { SyncErrorCode } = pvchain.v1;
const HEAD = 30;
let source: TestChain;

before(async () => {
  source = await openTestChain();
  await growTo(source.chain, HEAD);
});
after(async () => {
  await source.close();
  await removeDirs();
});

function server(
  options: Partial<SyncServerOptions> = {},
  ledger: SyncServerComponents['ledger'] = source.ledger,
) {
  const created = createSyncServer(
    { chainId: rules.chainId, hash: rules.hash, ...options },
    { transport: { handle() {} }, ledger },
  );
  return created;
}

async function blocks(s: ReturnType<typeof server>, start: bigint, count: number) {
  const response = decodeSyncResponse(
    await s.serve('blocks', encodeBlocksRequest(start, count), 'p'),
  );
  return response;
}

const errorCode = (response: pvchain.v1.SyncResponse) => {
  assert.equal(response.body, 'error', `an error answer, got ${response.body}`);
  return response.error?.code;
};

describe('sync server', () => {
  it('answers status with the genesis hash, the head and the lowest served height', async () => {
    const s = server();
    await s.start();
    const response = decodeSyncResponse(await s.serve('status', encodeStatusRequest(), 'p'));
    const status = response.status as pvchain.v1.StatusResponse;
    assert.equal(status.chainId, rules.chainId);
    assert.equal(longToBigint(status.height), BigInt(HEAD));
    assert.deepEqual(status.blockHash, source.chain.last()?.hash);
    const genesis = await source.ledger.blockAt(0n);
    const header = pvchain.v1.CommittedBlock.decode(genesis as Uint8Array).block?.header;
    assert.deepEqual(
      status.genesisHash,
      hash(rules.hash, encodeCanonical(pvchain.v1.BlockHeader, header ?? {})),
    );
    assert.equal(longToBigint(status.earliestHeight), 1n);
  });

  it('serves consecutive stored blocks, at most the count asked and the server limit', async () => {
    const s = server({ maxBlocksPerResponse: 8 });
    await s.start();
    const few = await blocks(s, 3n, 5);
    assert.equal(few.blocks?.blocks?.length, 5);
    const stored = await source.ledger.blockAt(3n);
    assert.deepEqual(
      encodeCanonical(pvchain.v1.CommittedBlock, few.blocks?.blocks?.[0] ?? {}),
      stored,
    );
    assert.equal((await blocks(s, 1n, 50)).blocks?.blocks?.length, 8, 'capped by the server');
    assert.equal(
      (await blocks(s, BigInt(HEAD - 1), 50)).blocks?.blocks?.length,
      2,
      'up to the head',
    );
  });

  it('bounds a response by bytes, yet always sends one block', async () => {
    const one = (await source.ledger.blockAt(5n))?.length ?? 0;
    const s = server({ maxResponseBytes: 3 * one + 20 });
    await s.start();
    const bytes = await s.serve('blocks', encodeBlocksRequest(4n, 20), 'p');
    const served = decodeSyncResponse(bytes).blocks?.blocks?.length ?? 0;
    assert.ok(served >= 1 && served <= 3, `${served} blocks`);
    assert.ok(bytes.length <= 3 * one + 20 + 200);
    const tiny = server({ maxResponseBytes: 1 });
    await tiny.start();
    assert.equal((await blocks(tiny, 4n, 20)).blocks?.blocks?.length, 1);
  });

  it('refuses malformed and out-of-range requests with the code sync.proto names', async () => {
    const s = server();
    await s.start();
    assert.equal(errorCode(await blocks(s, 1n, 0)), SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST);
    assert.equal(errorCode(await blocks(s, 0n, 3)), SyncErrorCode.SYNC_ERROR_CODE_PRUNED);
    assert.equal(
      errorCode(await blocks(s, BigInt(HEAD + 1), 3)),
      SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND,
    );
    const ask = async (name: 'status' | 'blocks', bytes: Uint8Array) =>
      errorCode(decodeSyncResponse(await s.serve(name, bytes, 'p')));
    const BAD = SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST;
    assert.equal(await ask('status', encodeBlocksRequest(1n, 1)), BAD, 'blocks body on status');
    assert.equal(await ask('blocks', encodeStatusRequest()), BAD, 'status body on blocks');
    assert.equal(await ask('blocks', Uint8Array.of(0xff, 0x01, 0x02)), BAD, 'garbage');
    assert.equal(await ask('blocks', new Uint8Array(0)), BAD, 'empty');
    assert.equal(await ask('blocks', new Uint8Array(65).fill(0x12)), BAD, 'too large');
    const nonCanonical = Uint8Array.of(0x12, 0x04, 0x08, 0x01, 0x10, 0x00);
    assert.equal(await ask('blocks', nonCanonical), BAD, 'explicit default');
  });

  it('limits concurrent requests per peer, answers a failing store INTERNAL, and stops', async () => {
    const s = server({ maxConcurrentPerPeer: 2 });
    await s.start();
    const answers = await Promise.all(
      [1, 2, 3].map(() => s.serve('blocks', encodeBlocksRequest(1n, 2), 'p')),
    );
    const codes = answers.map((a) => decodeSyncResponse(a).body);
    assert.deepEqual(codes, ['blocks', 'blocks', 'error']);
    assert.equal(
      decodeSyncResponse(answers[2] as Uint8Array).error?.code,
      SyncErrorCode.SYNC_ERROR_CODE_RATE_LIMITED,
    );
    assert.equal((await blocks(s, 1n, 1)).body, 'blocks', 'the slot is free again');
    const broken = server(
      {},
      {
        head: () => 10n,
        blockAt: () => Promise.reject(new Error('disk on fire')),
      },
    );
    await broken.start();
    assert.equal(errorCode(await blocks(broken, 1n, 2)), SyncErrorCode.SYNC_ERROR_CODE_INTERNAL);
    await s.stop();
    assert.equal(errorCode(await blocks(s, 1n, 1)), SyncErrorCode.SYNC_ERROR_CODE_UNAVAILABLE);
  });
});
