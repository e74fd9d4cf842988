import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONSENSUS_SIGNING_DOMAINS,
  decodeCanonical,
  encodeSigningPayload,
  pvchain,
} from '../../../proto/index.ts';
import { hex } from './wire.ts';

const { SigningDomain, SigningPayload } = pvchain.v1;

describe('signing payload', () => {
  it('puts domain and chain id inside the signed bytes', () => {
    const body = Uint8Array.of(0x0a, 0x02, 0x70, 0x76);
    const payload = encodeSigningPayload(SigningDomain.SIGNING_DOMAIN_TRANSACTION, 'pv-1', body);
    // domain 1 (field 1), chain_id "pv-1" (field 2), body (field 3)
    assert.equal(hex(payload), '0801120470762d311a040a027076');
    const decoded = decodeCanonical(SigningPayload, payload);
    assert.equal(decoded.domain, SigningDomain.SIGNING_DOMAIN_TRANSACTION);
    assert.equal(decoded.chainId, 'pv-1');
    assert.deepEqual([...decoded.body], [...body]);
  });

  it('differs between domains and between chains', () => {
    const body = Uint8Array.of(1, 2, 3);
    const seen = new Set<string>();
    for (const domain of Object.values(CONSENSUS_SIGNING_DOMAINS)) {
      seen.add(hex(encodeSigningPayload(domain, 'pv-1', body)));
    }
    seen.add(hex(encodeSigningPayload(SigningDomain.SIGNING_DOMAIN_PREPARE, 'pv-2', body)));
    assert.equal(seen.size, 7);
  });

  it('refuses the unspecified or an unknown domain and an empty chain id', () => {
    const body = new Uint8Array(0);
    assert.throws(() => encodeSigningPayload(0, 'pv-1', body), RangeError);
    assert.throws(() => encodeSigningPayload(99 as never, 'pv-1', body), RangeError);
    assert.throws(() => encodeSigningPayload(1, '', body), RangeError);
    assert.throws(() => encodeSigningPayload('1' as never, 'pv-1', body), TypeError);
    assert.throws(() => encodeSigningPayload(1, 'pv-1', [1] as never), TypeError);
  });

  it('maps every consensus message body to its own domain', () => {
    const schemaBodies = ['prePrepare', 'prepare', 'commit', 'checkpoint', 'viewChange', 'newView'];
    assert.deepEqual(Object.keys(CONSENSUS_SIGNING_DOMAINS), schemaBodies);
    assert.equal(new Set(Object.values(CONSENSUS_SIGNING_DOMAINS)).size, schemaBodies.length);
  });
});
