// Request-response over /pvchain/<chain>/<name>/1: answers, size limits on both sides (here and as
// the remote counts them), handler timeouts, remote error codes, unknown protocols, aborts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { P2PNode } from '../../../../node/p2p/index.ts';
import { bytes, connectedTo, startNode, stopAll, tcpAddress, text, waitFor } from './harness.ts';

const LIMIT = 64 * 1024;

describe('p2p request-response', { timeout: 20_000 }, () => {
  const started: P2PNode[] = [];
  let server: P2PNode;
  let client: P2PNode;
  /** A client whose own limit is larger than the server's. */
  let generous: P2PNode;
  let slowCalls = 0;

  before(async () => {
    const limits = { maxMessageBytes: LIMIT, requestTimeoutMs: 1_000 };
    server = await startNode({ key: 1, limits }, started);
    server.handle('echo', async (request, from) => bytes(`${from}:${text(request)}`));
    server.handle('sync/blocks', async (request) => new Uint8Array(request.length * 1024));
    server.handle('slow', async () => {
      slowCalls++;
      return new Promise<Uint8Array>(() => {});
    });
    server.handle('failing', async () => {
      throw Object.assign(new Error('no such block'), { code: 'CHAIN_MISSING_BLOCK' });
    });
    const peers = [tcpAddress(server)];
    client = await startNode({ key: 2, peers, limits }, started);
    generous = await startNode({ key: 3, peers, limits: { maxMessageBytes: 4 * LIMIT } }, started);
    await waitFor(() => connectedTo(client, server) && connectedTo(generous, server), 'connected');
  });
  after(() => stopAll(started));

  it('answers a request with the requester identified', async () => {
    const response = await client.request(server.peerId, 'echo', bytes('hello'));
    assert.equal(text(response), `${client.peerId}:hello`);
  });

  it('serves many requests at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.request(server.peerId, 'echo', bytes(`${i}`))),
    );
    assert.deepEqual(
      responses.map(text),
      Array.from({ length: 20 }, (_, i) => `${client.peerId}:${i}`),
    );
  });

  it('serves multi-segment names and responses up to the limit', async () => {
    const response = await client.request(server.peerId, 'sync/blocks', new Uint8Array(64));
    assert.equal(response.length, LIMIT);
  });

  it('refuses an oversized request before sending it', async () => {
    await assert.rejects(client.request(server.peerId, 'echo', new Uint8Array(LIMIT + 1)), {
      code: 'P2P_REQUEST_TOO_LARGE',
      message: /65537 > 65536 bytes/,
    });
  });

  it('reports a request the server finds oversized', async () => {
    await assert.rejects(generous.request(server.peerId, 'echo', new Uint8Array(LIMIT + 1)), {
      code: 'P2P_REQUEST_TOO_LARGE',
      message: /the request exceeds 65536 bytes/,
    });
    assert.ok(server.score(generous.peerId) < 0, 'the sender is penalised');
  });

  it('reports a response the server would not send', async () => {
    await assert.rejects(client.request(server.peerId, 'sync/blocks', new Uint8Array(65)), {
      code: 'P2P_RESPONSE_TOO_LARGE',
      message: /the response exceeds 65536 bytes/,
    });
  });

  it('refuses a response larger than its own limit', async () => {
    const small = await startNode(
      { key: 4, peers: [tcpAddress(server)], limits: { maxMessageBytes: 1024 } },
      started,
    );
    await assert.rejects(small.request(server.peerId, 'sync/blocks', new Uint8Array(2)), {
      code: 'P2P_RESPONSE_TOO_LARGE',
    });
  });

  it('times out a slow handler', async () => {
    const start = Date.now();
    await assert.rejects(
      client.request(server.peerId, 'slow', bytes('?'), { timeoutMs: 300 }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'P2P_TIMEOUT');
        assert.match(error.message, /no response in 300 ms/);
        return true;
      },
    );
    assert.ok(Date.now() - start < 5_000);
    assert.equal(slowCalls, 1);
  });

  it('hears when the remote handler timed out first', async () => {
    // The server gives a handler 1 s; the client waits longer.
    await assert.rejects(client.request(server.peerId, 'slow', bytes('?'), { timeoutMs: 5_000 }), {
      code: 'P2P_TIMEOUT',
      meta: { remote: true, protocol: `/pvchain/pvchain-test/slow/1` },
    });
  });

  it("carries the remote handler's error code", async () => {
    await assert.rejects(client.request(server.peerId, 'failing', bytes('7')), {
      code: 'P2P_REMOTE_ERROR',
      meta: {
        remote: true,
        protocol: '/pvchain/pvchain-test/failing/1',
        remoteCode: 'CHAIN_MISSING_BLOCK',
      },
    });
  });

  it('reports a protocol the peer does not serve', async () => {
    await assert.rejects(client.request(server.peerId, 'unknown', bytes('?')), {
      code: 'P2P_UNSUPPORTED_PROTOCOL',
    });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = client.request(server.peerId, 'slow', bytes('?'), {
      signal: controller.signal,
    });
    controller.abort();
    await assert.rejects(pending, { code: 'P2P_ABORTED' });
  });

  it('refuses malformed and reserved protocol names', () => {
    for (const name of ['', 'Echo', '/echo', 'echo/', 'a b', 'consensus', 'tx']) {
      assert.throws(() => server.handle(name, async (r) => r), TypeError, name);
    }
  });
});
