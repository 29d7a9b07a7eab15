// The test data of a run (the schema is shared with the faces).
export { TestData, defaultTestData, type TestDataInput } from '../../shared/api/test-runs';
