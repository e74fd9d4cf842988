// Full nodes in memory that lie, each in its own way: every lie is rejected with its own code,
// the liar is dropped and recorded (never silently passed over), and an honest node then gives
// the right answer. A witness that serves a different, validly signed header stops the client.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createLightClient,
  type LightClientErrorCode,
  type LightClientEvent,
} from '../../../../light-client/index.ts';
import { bigintToLong, type pvchain } from '../../../../proto/index.ts';
import { certify } from '../../../shared/verify-fixtures.ts';
import {
  A,
  ALG,
  accountBytes,
  buildChain,
  CHAIN_ID,
  createState,
  type FakeNode,
  fakeTransport,
  GRID,
  GRID_WH,
  genesisRoot,
  honestNode,
  type Override,
  SET_B,
} from './fake-chain.ts';

const HEIGHT = 8;

async function setup() {
  const state = await createState();
  const chain = buildChain({ count: HEIGHT, stateRoot: state.root });
  return { state, chain, honest: honestNode(chain, state) };
}

type ClientOptions = Parameters<typeof createLightClient>[0];

/** A light client of the fake chain (trusting its genesis) over `nodes`, started. */
async function startClient(
  nodes: FakeNode[],
  options: Pick<ClientOptions, 'witness' | 'onEvent'> = {},
) {
  const client = createLightClient({
    chainId: CHAIN_ID,
    hash: ALG,
    trust: genesisRoot(),
    transport: fakeTransport(nodes).transport,
    ...options,
  });
  await client.start();
  return client;
}

/** A header list answer with header `at` (1-based) replaced by `replace(original)`. */
function withHeader(
  at: number,
  replace: (h: {
    header: pvchain.v1.BlockHeader.$Properties;
    commit: pvchain.v1.CommitCertificate.$Properties;
  }) => pvchain.v1.SignedHeader.$Properties,
): Override {
  return async (protocol, _request, honest) => {
    if (protocol !== 'headers') return undefined;
    const answer = await honest();
    const start = Number(_request.headers?.startHeight);
    const headers = (answer.headers?.headers ?? []).map((h, i) =>
      start + i === at ? replace(h as Parameters<typeof replace>[0]) : h,
    );
    return { headers: { headers } };
  };
}

const lies: { name: string; code: LightClientErrorCode; override: Override; account?: boolean }[] =
  [
    {
      name: 'forged account bytes with the real proof',
      code: 'LIGHT_BAD_PROOF',
      account: true,
      override: async (protocol, _request, honest) => {
        if (protocol !== 'account-proof') return undefined;
        const answer = await honest();
        return {
          accountProof: {
            ...answer.accountProof,
            account: accountBytes(GRID, { nonce: bigintToLong(4n) }),
          },
        };
      },
    },
    {
      name: 'an account hidden behind its real proof',
      code: 'LIGHT_BAD_PROOF',
      account: true,
      override: async (protocol, _request, honest) => {
        if (protocol !== 'account-proof') return undefined;
        const answer = await honest();
        return { accountProof: { ...answer.accountProof, account: new Uint8Array(0) } };
      },
    },
    {
      name: 'a proof with a node changed',
      code: 'LIGHT_BAD_PROOF',
      account: true,
      override: async (protocol, _request, honest) => {
        if (protocol !== 'account-proof') return undefined;
        const answer = await honest();
        const proof = (answer.accountProof?.proof ?? []).map((node) => node.slice());
        const first = proof[0] as Uint8Array;
        first[first.length - 1] = (first[first.length - 1] ?? 0) ^ 1;
        return { accountProof: { ...answer.accountProof, proof } };
      },
    },
    {
      name: 'a header certificate signed by too few validators',
      code: 'LIGHT_MINORITY_SIGNED',
      override: withHeader(5, ({ header, commit }) => ({
        header,
        commit: certify({ height: 5n, blockHash: commit.blockHash as Uint8Array }, A.slice(0, 2)),
      })),
    },
    {
      name: 'a header naming another validator set',
      code: 'LIGHT_WRONG_VALIDATOR_SET',
      override: withHeader(3, ({ header, commit }) => ({
        header: { ...header, validatorsHash: SET_B.hash },
        commit,
      })),
    },
    {
      name: 'a header whose certificate is for another block',
      code: 'LIGHT_BAD_HEADER',
      override: withHeader(4, ({ header, commit }) => ({
        header: { ...header, receiptsRoot: new Uint8Array(32).fill(0x33) },
        commit,
      })),
    },
    {
      name: 'garbage bytes',
      code: 'LIGHT_MALFORMED',
      override: async (protocol) =>
        protocol === 'headers' ? new Uint8Array([0x1a, 0xff, 0xff, 0x07, 0x00]) : undefined,
    },
    {
      name: 'an answer of another protocol',
      code: 'LIGHT_MALFORMED',
      override: async (protocol, _request, honest) =>
        protocol === 'status' ? { headers: { headers: [] } } : honest(),
    },
    {
      name: 'a withheld head (claims more than it serves)',
      code: 'LIGHT_WITHHELD_HEAD',
      override: async (protocol, _request, honest) => {
        const answer = await honest();
        if (protocol === 'status')
          return { status: { ...answer.status, height: bigintToLong(BigInt(HEIGHT + 5)) } };
        return undefined;
      },
    },
    {
      name: 'a status of another chain',
      code: 'LIGHT_WRONG_CHAIN',
      override: async (protocol, _request, honest) => {
        const answer = await honest();
        if (protocol === 'status')
          return { status: { ...answer.status, genesisHash: new Uint8Array(32).fill(7) } };
        return undefined;
      },
    },
  ];

describe('light client, dishonest nodes', () => {
  for (const lie of lies) {
    it(`rejects ${lie.name} with ${lie.code}, then asks an honest node`, async () => {
      const { state, chain, honest } = await setup();
      // Alone, the liar's answer fails with its code.
      const single = await startClient([{ id: 'liar', answer: honest, override: lie.override }]);
      const failing = lie.account ? single.account(GRID.address) : single.syncHead();
      await assert.rejects(failing, (error: Error & { code?: string; details?: object }) => {
        assert.equal(error.code, lie.code, error.message);
        assert.equal((error.details as { peer?: string }).peer, 'liar');
        return true;
      });
      assert.deepEqual(
        single.dropped().map((d) => [d.peer, d.code]),
        [['liar', lie.code]],
      );

      // With an honest node after it: the right answer, and the liar on record.
      const events: LightClientEvent[] = [];
      const nodes: FakeNode[] = [
        { id: 'liar', answer: honest, override: lie.override },
        { id: 'honest', answer: honestNode(chain, state) },
      ];
      const client = await startClient(nodes, { onEvent: (e) => events.push(e) });
      const grid = await client.account(GRID.address);
      assert.equal(grid.balances.get(`${Buffer.from(GRID.address).toString('hex')}/kWh`), GRID_WH);
      assert.equal(grid.nonce, 3n);
      assert.equal(grid.height, BigInt(HEIGHT));
      assert.equal(grid.servedBy, 'honest');
      const dropped = events.filter((e) => e.type === 'dropped');
      assert.equal(dropped.length, 1);
      assert.equal(dropped[0]?.type === 'dropped' && dropped[0].dropped.code, lie.code);
    });
  }

  it('rejects a served validator set that is not the one the header names', async () => {
    const state = await createState();
    const chain = buildChain({
      count: 6,
      stateRoot: state.root,
      signers: (h) => (h <= 3n ? A : A.slice(0, 3)),
    });
    const honest = honestNode(chain, state);
    const client = await startClient([
      {
        id: 'liar',
        answer: honest,
        override: async (protocol, request) =>
          protocol === 'validator-set'
            ? honestNode({ ...chain, setAt: () => SET_B }, state)(protocol, request)
            : undefined,
      },
    ]);
    await assert.rejects(client.syncHead(), { code: 'LIGHT_WRONG_VALIDATOR_SET' });
  });
});

describe('light client, witness cross-check', () => {
  it('has a second node confirm the head', async () => {
    const { honest } = await setup();
    const client = await startClient(
      [
        { id: 'n0', answer: honest },
        { id: 'n1', answer: honest },
      ],
      { witness: true },
    );
    const grid = await client.account(GRID.address);
    assert.equal(grid.servedBy, 'n0');
    assert.equal(grid.witnessedBy, 'n1');
  });

  it('syncs no further than the witness reaches, so that it can confirm', async () => {
    const { state, chain, honest } = await setup();
    const behind = { ...chain, headers: chain.headers.slice(0, 5) };
    const client = await startClient(
      [
        { id: 'n0', answer: honest },
        { id: 'n1', answer: honestNode(behind, state) },
      ],
      { witness: true },
    );
    const grid = await client.account(GRID.address);
    assert.equal(grid.height, 5n);
    assert.equal(grid.witnessedBy, 'n1');

    // With a third node at the primary's height, that one is the witness.
    const full = await startClient(
      [
        { id: 'n0', answer: honest },
        { id: 'n1', answer: honestNode(behind, state) },
        { id: 'n2', answer: honest },
      ],
      { witness: true },
    );
    const head = await full.account(GRID.address);
    assert.equal(head.height, BigInt(HEIGHT));
    assert.equal(head.witnessedBy, 'n2');
  });

  it('stops on two validly signed headers at one height, with both as evidence', async () => {
    const { state, chain, honest } = await setup();
    const fork = buildChain({ count: HEIGHT, stateRoot: state.root, forkAt: BigInt(HEIGHT) });
    const events: LightClientEvent[] = [];
    const client = await startClient(
      [
        { id: 'n0', answer: honest },
        { id: 'n1', answer: honestNode(fork, state) },
      ],
      { witness: true, onEvent: (e) => events.push(e) },
    );
    const conflict = await client.syncHead().then(
      () => assert.fail('no conflict'),
      (error) => error,
    );
    assert.equal(conflict.code, 'LIGHT_CONFLICTING_HEADERS');
    assert.equal(conflict.details.height, String(HEIGHT));
    assert.equal(conflict.details.primary.peer, 'n0');
    assert.equal(conflict.details.witness.peer, 'n1');
    const hex = (bytes?: Uint8Array) => Buffer.from(bytes ?? []).toString('hex');
    assert.equal(conflict.details.primary.headerHash, hex(chain.headers[HEIGHT - 1]?.hash));
    assert.equal(conflict.details.witness.headerHash, hex(fork.headers[HEIGHT - 1]?.hash));
    assert.ok(conflict.details.witness.signedHeader instanceof Uint8Array);
    assert.deepEqual(conflict.details.witness.header.stateRoot, new Uint8Array(32).fill(0xee));
    assert.equal(client.head()?.height, 0n, 'the conflicting head is not adopted');
    assert.equal(client.halted(), conflict);
    assert.ok(events.some((e) => e.type === 'halted'));
    await assert.rejects(client.account(GRID.address), { code: 'LIGHT_CONFLICTING_HEADERS' });
    assert.equal(client.dropped().length, 0);
    client.resume();
    assert.equal(client.halted(), null);
  });

  it('drops a witness whose header does not verify and asks the next', async () => {
    const { honest } = await setup();
    const client = await startClient(
      [
        { id: 'n0', answer: honest },
        {
          id: 'n1',
          answer: honest,
          override: withHeader(HEIGHT, ({ header, commit }) => ({
            header: { ...header, stateRoot: new Uint8Array(32).fill(1) },
            commit,
          })),
        },
        { id: 'n2', answer: honest },
      ],
      { witness: true },
    );
    assert.equal((await client.syncHead()).height, BigInt(HEIGHT));
    assert.equal((await client.account(GRID.address, { sync: false })).witnessedBy, 'n2');
    assert.deepEqual(
      client.dropped().map((d) => [d.peer, d.code]),
      [['n1', 'LIGHT_BAD_HEADER']],
    );
  });
});
