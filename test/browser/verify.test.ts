// Headers, commit certificates, validator sets and blocks verified in Chromium: the same verdicts
// and error codes as in Node (test/shared/verify-suite.ts).
import { createVerifySuite } from '../shared/verify-suite.ts';

describe('light-client verification in Chromium', () => {
  for (const testCase of createVerifySuite()) it(testCase.name, () => testCase.run());
});
