// Printing searches and actions (steps.ts): their usage text, and each run as the requests Sesamy got and the rows the Zap gets.

import type { Exchange } from './recording.ts';
import { exchangeLines, logLines, plural, rowLines, type Style } from './render.ts';
import type { StepOperation, StepReport } from './steps.ts';

export const STEPS_USAGE = `Searches and actions:
  npm start -- STEP_KEY… [--input JSON|FILE|-] [--json] [--live [--yes]]

Runs searches and actions (STEP_KEY: a search or action key, such as find_user or
grant_access) through their real perform, one after the other with the same input,
and prints each request Sesamy gets (method, URL, body) and the rows the Zap gets.
A key given twice runs twice: the second run of grant_access shows its repeat.

Without --live they run against an in-process fake Sesamy account, the stateful fake
of the tests (scripts/fake-sesamy/api.ts: readers ada@example.com and grace@example.com,
access lists list_shop and list_b2b, products premium-digital and weekend-print): no
credentials, no network, and what an action writes stays written until the run ends.

  --input JSON|FILE|-   the step's input fields (inputData) as a JSON object, such as
                        '{"email":"ada@example.com"}', or a file holding one, or - for
                        stdin; each step gets the fields it declares. Default: {}
  --live                run against the Sesamy API with the credentials in .env
  --yes                 with --live, let actions write to that account; without it an
                        action is refused (exit 2) before any request

An unknown key, a field no step declares, or --input that is not a JSON object is a
usage error (exit 2); a step that fails (an app error such as HaltedError) prints one
line on stderr and exits 1, and the steps after it do not run.`;

const SOURCE_TEXT = { offline: 'fake Sesamy (offline)', live: 'Sesamy API (--live)' } as const;
export type StepSource = keyof typeof SOURCE_TEXT;

/** A request body as one line: JSON as sent; any other type named before it. */
const bodyLines = ({ body, contentType }: Exchange, style: Style): string[] => {
  if (body === undefined) return [];
  const type = contentType === undefined || contentType.includes('application/json') ? '' : `(${contentType || 'no content type'}) `;
  return [`  ${style.dim('body')}  ${type}${body.replace(/\r?\n/g, '↵')}`];
};

export const stepLines = (report: StepReport, step: StepOperation, source: StepSource, style: Style): string[] => {
  const lines = [
    style.bold(`${report.label} (${report.key})`),
    style.dim(`  ${report.kind} · ${SOURCE_TEXT[source]}${report.error ? '' : ` · ${plural(report.rows.length, 'row')}`}`),
    `  ${style.dim('input')} ${JSON.stringify(report.input)}`,
    ...logLines(report.logs, style),
    ...report.http.flatMap((exchange) => [...exchangeLines([exchange], style), ...bodyLines(exchange, style)]),
  ];
  if (report.error) {
    lines.push(style.red(`  ✗ ${report.error.name} (message on stderr)`));
  } else if (report.rows.length === 0) {
    lines.push('  (nothing found: the search returns [])');
  }
  return [...lines, ...rowLines(report.rows, step.outputFields, style), ''];
};
