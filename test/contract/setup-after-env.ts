import { writeContractCounts } from '../utils/contract';

// After each e2e test file: record how many responses the contract check validated (summed by
// test/contract/global-teardown.ts).
afterAll(() => {
  writeContractCounts(expect.getState().testPath ?? 'unknown');
});
