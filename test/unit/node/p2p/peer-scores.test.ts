// Peer scores: penalties, recovery over time, bans and their end (a fake clock), and a node that
// disconnects and refuses a peer pushed past the threshold until the ban ends.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type P2PNode, peerIdFromValidatorKey } from '../../../../node/p2p/index.ts';
import { createPeerScores } from '../../../../node/p2p/peer-scores.ts';
import {
  bytes,
  connectedTo,
  publicKey,
  startNode,
  stopAll,
  tcpAddress,
  waitFor,
} from './harness.ts';

describe('peer scores', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('lowers a score by each penalty and recovers it over time up to 0', () => {
    const scores = createPeerScores({ recoveryPerSecond: 2, now: clock });
    assert.equal(scores.score('p'), 0);
    assert.deepEqual(scores.penalise('p', 10), { score: -10, banned: false });
    assert.deepEqual(scores.penalise('p', 5), { score: -15, banned: false });
    now += 2_000;
    assert.equal(scores.score('p'), -11);
    now += 60_000;
    assert.equal(scores.score('p'), 0);
    assert.equal(scores.score('q'), 0, 'scores are per peer');
  });

  it('bans at the threshold, for banMs, then restarts at half the threshold', () => {
    const scores = createPeerScores({ banThreshold: -50, banMs: 10_000, now: clock });
    assert.equal(scores.penalise('p', 30).banned, false);
    assert.equal(scores.isBanned('p'), false);
    assert.deepEqual(scores.penalise('p', 20), { score: -50, banned: true });
    assert.equal(scores.isBanned('p'), true);
    assert.equal(scores.banRemainingMs('p'), 10_000);
    assert.equal(scores.penalise('p', 5).banned, false, 'a ban starts once');
    now += 9_999;
    assert.equal(scores.isBanned('p'), true, 'no recovery while banned');
    assert.equal(scores.score('p'), -55);
    now += 1;
    assert.equal(scores.isBanned('p'), false);
    assert.equal(scores.score('p'), -25);
    assert.equal(scores.penalise('p', 25).banned, true, 'a repeat offender is banned sooner');
  });

  it('refuses nonsense', () => {
    const scores = createPeerScores();
    for (const amount of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => scores.penalise('p', amount), RangeError);
    }
    assert.throws(() => createPeerScores({ banThreshold: 0 }), RangeError);
  });
});

describe('banning a peer', { timeout: 20_000 }, () => {
  const started: P2PNode[] = [];
  after(() => stopAll(started));

  it('disconnects it past the threshold and refuses it until the ban ends', async () => {
    const scoring = { banThreshold: -30, banMs: 1_500, recoveryPerSecond: 0 };
    const a = await startNode({ key: 1, scoring }, started);
    a.handle('echo', async (request) => request);
    const events: string[] = [];
    const bPeerId = peerIdFromValidatorKey(publicKey(2));
    a.onPeer((event) => events.push(`${event.type} ${event.peerId === bPeerId}`));
    const b = await startNode({ key: 2, peers: [tcpAddress(a)] }, started);
    await waitFor(() => connectedTo(a, b) && events.length === 1, 'connected');

    assert.equal(a.penalise(b.peerId, 'bad block', 20), -20);
    assert.equal(connectedTo(a, b), true, 'still above the threshold');
    assert.equal(a.penalise(b.peerId, 'bad block'), -30);
    await waitFor(() => !connectedTo(a, b) && !connectedTo(b, a), 'disconnected');
    assert.deepEqual(events, ['connected true', 'disconnected true']);
    // While banned: B's requests (and redials) are refused, and A does not dial B.
    await assert.rejects(b.request(a.peerId, 'echo', bytes('let me in')), {
      code: 'P2P_STREAM_FAILED',
    });
    await assert.rejects(a.request(b.peerId, 'echo', bytes('?')), { code: 'P2P_STREAM_FAILED' });
    // When the ban ends, B's dialer (A is in its peer list) connects again.
    await waitFor(() => connectedTo(a, b), 'reconnected after the ban', 10_000);
    assert.equal(a.score(b.peerId), -15, 'half the threshold');
    await waitFor(() => events.length === 3, 'the connected event');
    assert.deepEqual(events, ['connected true', 'disconnected true', 'connected true']);
  });
});
