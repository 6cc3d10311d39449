// Test infrastructure: real components for integration tests. Never imported by production code.
export { createTestDatabase, resolvePostgres, testServerUrl, type TestPostgres } from './postgres';
