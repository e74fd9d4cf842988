// The browser transport's pure parts: which addresses it dials in which order, and how it reads
// the status frame the node's request-response protocols answer with (ADR 0012, ADR 0021).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialOrder } from '../../../../light-client/client/libp2p-transport.ts';
import {
  parseResponseFrame,
  ResponseStatus,
  statusFrame,
} from '../../../../light-client/client/response-frame.ts';

const id = '12D3KooWP5rMrGJHWq1Lb5oPhi4JDtmgPCWo3S4Kbw3jmfG8vHXt';
const tcp = `/ip4/127.0.0.1/tcp/7001/p2p/${id}`;
const ws = `/ip4/127.0.0.1/tcp/7101/ws/p2p/${id}`;
const webrtc = `/ip4/127.0.0.1/udp/7201/webrtc-direct/certhash/uEiCBmdxD6HtzYZXDWFEPyLjWdEnemPJYZZVjCPYsfnrT1g/p2p/${id}`;

describe('libp2p transport', () => {
  it('dials WebRTC-direct first, then WebSockets, never TCP', () => {
    assert.deepEqual(dialOrder([tcp, ws, webrtc], ['webrtc-direct', 'websockets']), [webrtc, ws]);
    assert.deepEqual(dialOrder([tcp, ws, webrtc], ['websockets']), [ws]);
    assert.deepEqual(dialOrder([tcp, webrtc], ['websockets']), []);
  });

  it('reads the status frame: OK with its body, a refusal with its reason, an unknown status', () => {
    const body = new Uint8Array([1, 2, 3]);
    assert.deepEqual(parseResponseFrame(statusFrame(ResponseStatus.OK, body)), {
      status: 0,
      body,
    });
    const refused = statusFrame(ResponseStatus.HANDLER_ERROR, new TextEncoder().encode('SYNC_X'));
    assert.deepEqual(parseResponseFrame(refused), { status: 3, reason: 'SYNC_X' });
    assert.deepEqual(parseResponseFrame(new Uint8Array([9, 1])), { status: 'unknown', byte: 9 });
    assert.deepEqual(parseResponseFrame(new Uint8Array(0)), {
      status: 'unknown',
      byte: undefined,
    });
  });
});
