// --live: the connection's fields (authData) from the project's .env, parsed with Node's own .env parser.
//
// util.parseEnv is the parser process.loadEnvFile uses; loadEnvFile itself is not used
// because it writes into the real process.env (keeping any variable already set, and
// outside the copy a jest test sees), where this needs the file's values, and only them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { RunnerError } from './errors.ts';

export type AuthData = Record<string, string>;

const PREFIX = 'authData_';
const ENV_HINT =
  'authData_clientId=…, authData_clientSecret=… and authData_environment=production|development, one per line (the .env of zapier-platform invoke)';

/** The connection's fields from .env, as `zapier-platform invoke` reads them. */
export const readAuthData = (root: string): AuthData => {
  const path = join(root, '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RunnerError(`--live reads the Sesamy credentials from ${path}, which cannot be read; create it with ${ENV_HINT}`, 1);
  }
  const authData: AuthData = {};
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (name.startsWith(PREFIX) && value !== undefined) authData[name.slice(PREFIX.length)] = value;
  }
  const missing = ['clientId', 'clientSecret'].filter((key) => !authData[key]?.trim());
  if (missing.length > 0) {
    throw new RunnerError(`${path} has no ${missing.map((key) => `authData_${key}`).join(' and no ')}; it needs ${ENV_HINT}`, 1);
  }
  return authData;
};
