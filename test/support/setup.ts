// Runs in every test file: no test may reach the network, no interceptor outlives its
// test, and the Zap's log stays out of the test output.
import { format } from 'node:util';
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

// z.console writes each line through console.log (zapier-platform-core/src/tools/create-logger-console.js), and
// nothing else in the app logs: a passing run would print every skipped event. The lines
// are kept instead. A test that asserts a log line spies on console.log as before (its
// spy wraps this one and hands it back on mockRestore); ZAP_LOG=1 prints them as they come.
if (process.env.ZAP_LOG !== '1') {
  const printLog = console.log;
  const zapLog: string[] = [];
  console.log = (...args: unknown[]) => void zapLog.push(format(...args));
  beforeEach(() => {
    zapLog.length = 0;
  });
  afterAll(() => {
    console.log = printLog;
  });
}
