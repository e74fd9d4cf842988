// Frames are varint-length-prefixed as @libp2p/utils decodes them, at every prefix length.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LengthPrefixedDecoder } from '@libp2p/utils';
import { encodeFrame } from '../../../../node/p2p/framing.ts';

describe('p2p framing', () => {
  it('round-trips through the libp2p length-prefixed decoder', () => {
    const sizes = [1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152];
    const messages = sizes.map((size) => new Uint8Array(size).map((_, i) => i * 7));
    const stream = new Uint8Array(messages.reduce((n, m) => n + encodeFrame(m).length, 0));
    let offset = 0;
    for (const message of messages) {
      const frame = encodeFrame(message);
      stream.set(frame, offset);
      offset += frame.length;
    }
    assert.equal(encodeFrame(new Uint8Array(127))[0], 127);
    assert.deepEqual([...encodeFrame(new Uint8Array(300)).subarray(0, 2)], [0xac, 0x02]);
    const decoder = new LengthPrefixedDecoder({
      maxDataLength: 4_000_000,
      maxBufferSize: 8_000_000,
    });
    // Fed in uneven chunks, as a stream delivers them.
    const decoded: Uint8Array[] = [];
    for (let at = 0; at < stream.length; at += 65_537) {
      for (const message of decoder.decode(stream.subarray(at, at + 65_537))) {
        decoded.push(message.slice());
      }
    }
    assert.equal(decoded.length, messages.length);
    decoded.forEach((message, i) => {
      assert.ok(Buffer.from(message).equals(messages[i] as Uint8Array), `message ${i}`);
    });
    // The decoder yields nothing for an empty frame, so empty messages are refused upstream.
    assert.deepEqual([...decoder.decode(encodeFrame(new Uint8Array(0)))], []);
  });
});
