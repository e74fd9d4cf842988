// The verification suite, shared by Node (test/unit/light-client/verify/verify-shared.test.ts) and
// Chromium (test/browser/verify.test.ts): commit certificates (quorums, forged minorities,
// duplicates, strangers, bad signatures), signed headers (mutations, wrong sets), validator sets,
// a validator-set change followed across heights, and chains of blocks verifying by themselves.
import type { TestCase } from './hash-suite.ts';
import { certificateCases, validatorSetCases } from './verify-certificate-cases.ts';
import { blockCases, changeCases, headerCases } from './verify-chain-cases.ts';

export function createVerifySuite(): TestCase[] {
  return [
    ...certificateCases(),
    ...validatorSetCases(),
    ...headerCases(),
    ...changeCases(),
    ...blockCases(),
  ];
}
