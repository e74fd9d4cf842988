// The verification suite in Node (test/browser/verify.test.ts runs it in Chromium).
import { describe, it } from 'node:test';
import { createVerifySuite } from '../../../shared/verify-suite.ts';

describe('light-client verification, shared suite', () => {
  for (const testCase of createVerifySuite()) it(testCase.name, () => testCase.run());
});
