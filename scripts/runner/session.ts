// --live: the session exchange (the app's own sessionConfig.perform) and the choice of vendor it runs for.
import { isObject } from '../../sesamy/json.ts';
import type { AuthData } from './credentials.ts';
import { RunnerError } from './errors.ts';
import type { Runtime } from './recording.ts';
import type { SessionReport } from './reports.ts';

/** A --live failure after the session began: what happened so far is still printed. */
export class SessionFailure extends RunnerError {
  readonly report: SessionReport;

  constructor(report: SessionReport, message: string, exitCode: 1 | 2 = 1) {
    super(message, exitCode);
    this.report = report;
  }
}

/** Exchanges the credentials for a token, which it adds to authData (sessionKey), as Zapier does when a connection is made. */
export const exchangeCredentials = async (runtime: Runtime, authData: AuthData): Promise<SessionReport> => {
  const report: SessionReport = {
    environment: authData.environment?.trim() || 'production',
    clientId: authData.clientId?.trim() ?? '',
    http: [],
    logs: [],
  };
  const { sessionPerform } = runtime.app;
  if (!sessionPerform) throw new RunnerError('the built app has no session authentication', 1);
  const session = await runtime.run(sessionPerform, { authData });
  report.http.push(...session.http);
  report.logs.push(...session.logs);
  if (!session.ok) throw new SessionFailure(report, `the session exchange failed: ${session.error.message}`);
  for (const [key, value] of Object.entries(isObject(session.result) ? session.result : {})) {
    if (typeof value === 'string') authData[key] = value;
  }
  return report;
};

/** The session exchange, then the vendor: the one chosen, or the connection's only one. */
export const startSession = async (runtime: Runtime, authData: AuthData, chosenVendor: string | undefined): Promise<SessionReport> => {
  const report = await exchangeCredentials(runtime, authData);
  const { vendorListPerform } = runtime.app;
  if (chosenVendor !== undefined) {
    report.vendorId = chosenVendor;
    return report;
  }
  // No --vendor: the connection's only vendor, as the Vendor dropdown would list it.
  if (!vendorListPerform) throw new SessionFailure(report, 'the built app has no vendor_list trigger; pass --vendor ID', 2);
  const listed = await runtime.run(vendorListPerform, { authData });
  report.http.push(...listed.http);
  report.logs.push(...listed.logs);
  if (!listed.ok) throw new SessionFailure(report, `listing the vendors failed: ${listed.error.message}`);
  const vendors = (Array.isArray(listed.result) ? listed.result : [])
    .filter(isObject)
    .flatMap((vendor) =>
      typeof vendor.id === 'string' ? [{ id: vendor.id, name: typeof vendor.name === 'string' ? vendor.name : vendor.id }] : [],
    );
  const [only, ...others] = vendors;
  if (!only) throw new SessionFailure(report, 'this Sesamy connection has no vendors', 1);
  if (others.length > 0) {
    throw new SessionFailure(
      report,
      `this connection has ${vendors.length} vendors; choose one with --vendor ID: ${vendors.map((vendor) => vendor.id).join(', ')}`,
      2,
    );
  }
  report.vendorId = only.id;
  report.vendorNote = `the connection's only vendor (${only.name})`;
  return report;
};
