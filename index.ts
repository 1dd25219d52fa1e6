// The Sesamy integration for Zapier: instant triggers for Sesamy's events, and searches
// and actions on readers and their access, on one authenticated client.
// Zapier loads this module (compiled to dist/index.js).
import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { applyErrorPolicy } from './api/errors.ts';
import authentication, { addBearerToken } from './authentication.ts';
import creates from './creates/index.ts';
import dropdowns from './dropdowns/index.ts';
import packageJson from './package.json' with { type: 'json' };
import searches, { searchOrCreates } from './searches/index.ts';
import triggers from './triggers/index.ts';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  flags: {
    // Let the error policy see 429s too, so one policy words every failure (api/errors.ts).
    throwForThrottlingEarly: false,
  },
  beforeRequest: [addBearerToken],
  afterResponse: [applyErrorPolicy],
  triggers: { ...triggers, ...dropdowns },
  creates,
  searches,
  searchOrCreates,
});
