// pvchain/proto in Chromium: every sample message of the Node suite round-trips canonically,
// uint64 values survive exactly, and hostile bytes get their ProtoError codes.
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  longToBigint,
  ProtoError,
  pvchain,
  U64_MAX,
} from '../../proto/index.ts';
import { checkBytes, checkEqual } from '../shared/check.ts';
import { samples } from '../unit/proto/sample-list.ts';

const v1 = pvchain.v1;

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ProtoError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('proto in Chromium', () => {
  it('round-trips every sample message canonically', () => {
    checkEqual(samples.length > 30, true, 'the sample list');
    for (const sample of samples) {
      const bytes = sample.encode();
      checkBytes(sample.encodeOther(sample.decode(bytes)), bytes, sample.name);
    }
  });

  it('keeps uint64 values above 2^53 exact', () => {
    const bytes = encodeCanonical(v1.IssueAsset, { code: 'kWh', amount: bigintToLong(U64_MAX) });
    const decoded = decodeCanonical(v1.IssueAsset, bytes);
    checkEqual(longToBigint(decoded.amount), U64_MAX, 'amount');
  });

  it('rejects hostile bytes with stable codes', () => {
    const good = encodeCanonical(v1.IssueAsset, { code: 'kWh', amount: bigintToLong(5n) });
    const explicitZero = new Uint8Array([0x0a, 0x03, 0x6b, 0x57, 0x68, 0x10, 0x00]);
    checkEqual(
      codeOf(() => decodeCanonical(v1.IssueAsset, good)),
      'accepted',
      'good bytes',
    );
    checkEqual(
      codeOf(() => decodeCanonical(v1.IssueAsset, explicitZero)),
      'PROTO_NON_CANONICAL',
      'explicit 0',
    );
    checkEqual(
      codeOf(() => decodeCanonical(v1.IssueAsset, good.subarray(0, 3))),
      'PROTO_MALFORMED',
      'truncated',
    );
    const huge = new Uint8Array(1 << 20);
    checkEqual(
      codeOf(() => decodeCanonical(v1.Transaction, huge)),
      'PROTO_TOO_LARGE',
      'oversized',
    );
  });
});
