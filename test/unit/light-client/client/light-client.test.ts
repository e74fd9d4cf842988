// The light client against honest full nodes in memory: a cold start to a verified balance and a
// proven absence, a warm start from the store fetching only new headers, a validator-set change
// followed one hop at a time, a checkpoint trust root, submission, and timeouts passed over.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createLightClient,
  createMemoryStore,
  LightClientError,
} from '../../../../light-client/index.ts';
import { encodeCanonical, pvchain } from '../../../../proto/index.ts';
import { toHex } from '../../../shared/check.ts';
import { signCheckpoint } from './checkpoint.ts';
import {
  A,
  ALG,
  B,
  buildChain,
  CHAIN_ID,
  createState,
  fakeTransport,
  GENESIS_HASH,
  GRID,
  GRID_WH,
  genesisRoot,
  HOUSEHOLD,
  honestNode,
  NOBODY,
  SET_A,
  SET_B,
} from './fake-chain.ts';

const v1 = pvchain.v1;
const gridKwh = `${toHex(GRID.address)}/kWh`;

const clientOf = (
  transport: ReturnType<typeof fakeTransport>['transport'],
  extra: Partial<Parameters<typeof createLightClient>[0]> = {},
) => createLightClient({ chainId: CHAIN_ID, hash: ALG, trust: genesisRoot(), transport, ...extra });

describe('light client, honest nodes', () => {
  it('starts cold from the genesis and verifies a balance and an absence', async () => {
    const state = await createState();
    const chain = buildChain({ count: 300, stateRoot: state.root });
    const { transport, log } = fakeTransport([{ id: 'n0', answer: honestNode(chain, state) }]);
    const client = clientOf(transport);
    assert.equal((await client.start()).height, 0n);
    const head = await client.syncHead();
    assert.equal(head.height, 300n);
    assert.deepEqual(head.headerHash, chain.headers[299]?.hash);
    assert.equal(log.filter((r) => r.protocol === 'headers').length, 3); // batches of 128

    const grid = await client.account(GRID.address);
    assert.equal(grid.exists, true);
    assert.equal(grid.balances.get(gridKwh), GRID_WH);
    assert.equal(grid.nonce, 3n);
    assert.equal(grid.realName, 'Lianhua Grid Co.');
    assert.equal(grid.height, 300n);
    assert.deepEqual(grid.stateRoot, state.root);
    assert.equal(grid.servedBy, 'n0');
    assert.equal(grid.witnessedBy, null);

    const household = await client.account(toHex(HOUSEHOLD.address), { sync: false });
    assert.equal(household.realName, 'Household 31');
    assert.equal(household.balances.size, 0);

    const nobody = await client.account(NOBODY.address);
    assert.equal(nobody.exists, false);
    assert.equal(nobody.balances.size, 0);
    assert.equal(nobody.height, 300n);
    await assert.rejects(client.account(new Uint8Array(5)), RangeError);
    await client.close();
  });

  it('resumes from the stored head and fetches only the new headers', async () => {
    const state = await createState();
    const chain = buildChain({ count: 40, stateRoot: state.root });
    let served = 25;
    const node = honestNode(chain, state, () => served);
    const shorter = { ...chain, headers: chain.headers.slice(0, 25) };
    const store = createMemoryStore();
    const first = fakeTransport([{ id: 'n0', answer: honestNode(shorter, state) }]);
    const one = clientOf(first.transport, { store });
    await one.start();
    assert.equal((await one.syncHead()).height, 25n);
    assert.equal(store.saves, 1);

    served = 40;
    const second = fakeTransport([{ id: 'n0', answer: node }]);
    const two = clientOf(second.transport, { store });
    assert.equal((await two.start()).height, 25n);
    assert.equal((await two.syncHead()).height, 40n);
    const asked = second.log.filter((r) => r.protocol === 'headers');
    assert.equal(asked.length, 1);
    assert.equal(Number(asked[0]?.request.headers?.startHeight), 26);
    assert.equal(two.stats().headersFetched, 15);
  });

  it('ignores a stored head of another chain', async () => {
    const state = await createState();
    const chain = buildChain({ count: 3, stateRoot: state.root });
    const store = createMemoryStore();
    await store.save({
      chainId: CHAIN_ID,
      genesisHash: new Uint8Array(32).fill(1),
      head: {
        height: 99n,
        headerHash: new Uint8Array(32),
        timeMs: 0n,
        stateRoot: state.root,
        nextValidators: [],
      },
    });
    const { transport } = fakeTransport([{ id: 'n0', answer: honestNode(chain, state) }]);
    const client = clientOf(transport, { store });
    assert.equal((await client.start()).height, 0n);
    assert.equal((await client.syncHead()).height, 3n);
  });

  it('starts from the trust root when the stored record is damaged, and says so', async () => {
    const state = await createState();
    const chain = buildChain({ count: 2, stateRoot: state.root });
    const store = createMemoryStore();
    await store.save({
      chainId: CHAIN_ID,
      genesisHash: GENESIS_HASH,
      head: {
        height: 9n,
        headerHash: new Uint8Array(32),
        timeMs: 0n,
        stateRoot: state.root,
        nextValidators: [],
      },
    });
    const { transport } = fakeTransport([{ id: 'n0', answer: honestNode(chain, state) }]);
    const events: string[] = [];
    const client = clientOf(transport, { store, onEvent: (e) => events.push(e.type) });
    assert.equal((await client.start()).height, 0n);
    assert.deepEqual(events, ['store-failed']);
    assert.equal((await client.syncHead()).height, 2n);
    await client.close();
    await assert.rejects(client.syncHead(), { code: 'LIGHT_UNREACHABLE' });
  });

  it('follows a validator-set change one hop at a time', async () => {
    const state = await createState();
    const chain = buildChain({
      count: 12,
      stateRoot: state.root,
      signers: (h) => (h <= 5n ? A : B),
    });
    const { transport, log } = fakeTransport([{ id: 'n0', answer: honestNode(chain, state) }]);
    const client = clientOf(transport, { batchSize: 4 });
    await client.start();
    const head = await client.syncHead();
    assert.equal(head.height, 12n);
    assert.deepEqual(
      head.nextValidators.map((v) => toHex(v.address)).sort(),
      SET_B.validators.map((v) => toHex(v.address)).sort(),
    );
    const sets = log.filter((r) => r.protocol === 'validator-set');
    assert.deepEqual(
      sets.map((r) => Number(r.request.validatorSet?.height)),
      [6],
    );
    assert.equal((await client.account(GRID.address)).height, 12n);
  });

  it('holds back a head that names a new set until the node serves the next height', async () => {
    const state = await createState();
    const chain = buildChain({
      count: 6,
      stateRoot: state.root,
      signers: (h) => (h <= 5n ? A : B),
    });
    const five = { ...chain, headers: chain.headers.slice(0, 5) };
    let node = honestNode(five, state);
    const { transport } = fakeTransport([{ id: 'n0', answer: (p, r) => node(p, r) }]);
    const client = clientOf(transport);
    await client.start();
    assert.equal((await client.syncHead()).height, 4n);
    node = honestNode(chain, state);
    assert.equal((await client.syncHead()).height, 6n);
  });

  it('starts from a checkpoint that the set signed', async () => {
    const state = await createState();
    const chain = buildChain({ count: 10, stateRoot: state.root });
    const at = chain.headers[6];
    assert.ok(at);
    const signedCheckpoint = signCheckpoint(at, SET_A, A.slice(0, 3));
    const { transport, log } = fakeTransport([{ id: 'n0', answer: honestNode(chain, state) }]);
    const trust = {
      kind: 'checkpoint' as const,
      genesisHash: GENESIS_HASH,
      signedCheckpoint,
      validators: SET_A.validators.map((v) => ({ ...v })),
    };
    const client = clientOf(transport, { trust });
    assert.equal((await client.start()).height, 7n);
    assert.equal((await client.syncHead()).height, 10n);
    assert.equal(
      Number(log.find((r) => r.protocol === 'headers')?.request.headers?.startHeight),
      8,
    );

    const minority = signCheckpoint(at, SET_A, A.slice(0, 2));
    assert.throws(
      () => clientOf(transport, { trust: { ...trust, signedCheckpoint: minority } }),
      (error: unknown) =>
        error instanceof LightClientError && error.code === 'LIGHT_MINORITY_SIGNED',
    );
  });

  it('submits a transaction and maps a refusal to LIGHT_REJECTED', async () => {
    const state = await createState();
    const chain = buildChain({ count: 2, stateRoot: state.root });
    const honest = honestNode(chain, state);
    const { transport } = fakeTransport([
      {
        id: 'n0',
        answer: honest,
        override: async (protocol, request) =>
          protocol === 'submit-tx' && request.submitTransaction?.transaction?.transaction?.[0] === 9
            ? {
                error: {
                  code: v1.SyncErrorCode.SYNC_ERROR_CODE_REJECTED,
                  message: 'bad nonce',
                  result: v1.ResultCode.RESULT_CODE_BAD_NONCE,
                },
              }
            : undefined,
      },
    ]);
    const client = clientOf(transport);
    await client.start();
    const tx = (first: number) =>
      encodeCanonical(v1.SignedTransaction, {
        transaction: new Uint8Array([first, 2, 3]),
        signatures: [{ publicKey: new Uint8Array(32).fill(1), signature: new Uint8Array(64) }],
      });
    const accepted = await client.submit(tx(1));
    assert.equal(accepted.transactionHash.length, 32);
    assert.equal(accepted.servedBy, 'n0');
    await assert.rejects(client.submit(tx(9)), (error: unknown) => {
      assert.ok(error instanceof LightClientError);
      assert.equal(error.code, 'LIGHT_REJECTED');
      assert.equal(error.details.result, v1.ResultCode.RESULT_CODE_BAD_NONCE);
      return true;
    });
    assert.equal(client.dropped().length, 0);
    await assert.rejects(client.submit(new Uint8Array([0xff, 0xff])), { code: 'LIGHT_MALFORMED' });
  });

  it('asks again while a node has not persisted the state of its newest height', async () => {
    const state = await createState();
    const chain = buildChain({ count: 3, stateRoot: state.root });
    let refusals = 2;
    const { transport, log } = fakeTransport([
      {
        id: 'n0',
        answer: honestNode(chain, state),
        override: async (protocol) =>
          protocol === 'account-proof' && refusals-- > 0
            ? { error: { code: v1.SyncErrorCode.SYNC_ERROR_CODE_PRUNED, message: 'not yet' } }
            : undefined,
      },
    ]);
    const client = clientOf(transport);
    await client.start();
    assert.equal((await client.account(GRID.address)).height, 3n);
    assert.equal(log.filter((r) => r.protocol === 'account-proof').length, 3);
  });

  it('passes over a node that does not answer in time, and says so when none does', async () => {
    const state = await createState();
    const chain = buildChain({ count: 3, stateRoot: state.root });
    const honest = honestNode(chain, state);
    const { transport } = fakeTransport([
      { id: 'slow', answer: honest, override: async () => 'hang' },
      { id: 'n1', answer: honest },
    ]);
    const client = clientOf(transport, { timeoutMs: 50 });
    await client.start();
    assert.equal((await client.syncHead()).height, 3n);
    assert.equal((await client.account(GRID.address)).servedBy, 'n1');
    assert.equal(client.dropped().length, 0);

    const silent = fakeTransport([{ id: 'slow', answer: honest, override: async () => 'hang' }]);
    const alone = clientOf(silent.transport, { timeoutMs: 30, retries: 2 });
    await alone.start();
    await assert.rejects(alone.syncHead(), { code: 'LIGHT_TIMEOUT' });
    assert.equal(silent.log.length, 3);
  });
});
