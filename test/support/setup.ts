// Runs in every test file: no test may reach the network, and no interceptor
// outlives its test.
import nock from 'nock';

nock.disableNetConnect();

afterEach(() => {
  nock.cleanAll();
});

// Each test file loads its own copy of nock (Jest isolates modules per file), but
// they all patch Node's one http module: release it for the next file.
afterAll(() => {
  nock.restore();
});
