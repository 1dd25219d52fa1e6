// Printing reports for people: styles (color only on a terminal), HTTP exchanges, log lines, and each report's block:
// a trigger's, the session's, the subscribe round trip's, and a search's or an action's (its requests, with their bodies, and its rows).
import { STATUS_CODES } from 'node:http';
import type { HookTrigger, PollingTrigger, StepOperation } from './app-view.ts';
import { flattenRow, renderFields } from './fields.ts';
import type { Io, Writer } from './io.ts';
import type { Exchange } from './recording.ts';
import type { Check, PollReport, SessionReport, Source, StepReport, SubscribeReport, TriggerReport } from './reports.ts';

export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly columns: number;
}

/** Where a run of steps or checks writes, in its style: main.ts's writers, lines to stdout and one line to stderr. */
export interface Output {
  readonly style: Style;
  readonly out: (lines: readonly string[]) => void;
  readonly fail: (message: string) => void;
}

export const styleFor = (writer: Writer, env: Io['env']): Style => {
  const color = Boolean(writer.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const sgr = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), columns: writer.isTTY && writer.columns ? writer.columns : 120 };
};

const statusText = (status: number | undefined): string =>
  status === undefined
    ? 'no answer reached the app (a connection failure, or a 401, which Zapier handles itself)'
    : `${status} ${STATUS_CODES[status] ?? ''}`.trim();

export const exchangeLines = (exchanges: readonly Exchange[], style: Style): string[] =>
  exchanges.map(({ method, url, status }) => `  ${style.dim('http')}  ${method} ${url} → ${statusText(status)}`);

export const logLines = (logs: readonly string[], style: Style): string[] => logs.map((line) => `  ${style.dim(`log   ${line}`)}`);

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const SOURCE_TEXT: Record<Source, string> = {
  sample: 'documented sample → perform',
  payload: 'payload → perform',
  live: 'Sesamy API → performList',
};

/** The rows of a step as the fields a Zap maps from, labelled from its output fields. */
export const rowLines = (
  rows: readonly Readonly<Record<string, unknown>>[],
  outputFields: HookTrigger['outputFields'],
  style: Style,
): string[] =>
  rows.flatMap((row, index) => [
    ...(rows.length > 1 ? [style.dim(`  ── row ${index + 1} of ${rows.length}`)] : []),
    ...renderFields(flattenRow(row), outputFields, { dim: style.dim, columns: style.columns }),
  ]);

export const triggerLines = (report: TriggerReport, hook: HookTrigger, style: Style): string[] => {
  const lines = [
    style.bold(`${report.label} (${report.key})`),
    style.dim(
      `  ${report.eventTypes.join(', ')} · vendor ${report.vendorId} · ${SOURCE_TEXT[report.source]}${report.error ? '' : ` · ${plural(report.rows.length, 'row')}`}`,
    ),
    ...logLines(report.logs, style),
    ...exchangeLines(report.http, style),
  ];
  if (report.error) {
    lines.push(style.red(`  ✗ ${report.error.name} (message on stderr)`));
  } else if (report.rows.length === 0) {
    lines.push('  (no rows: the Zap would not run)');
  }
  return [...lines, ...rowLines(report.rows, hook.outputFields, style), ''];
};

export const sessionLines = (session: SessionReport, style: Style): string[] => [
  style.bold(`Session (${session.environment}, client ${session.clientId})`),
  ...logLines(session.logs, style),
  ...exchangeLines(session.http, style),
  ...(session.vendorId ? [`  vendor ${session.vendorId}${session.vendorNote ? ` (${session.vendorNote})` : ''}`] : []),
  '',
];

export const subscribeLines = (report: SubscribeReport, style: Style): string[] => [
  style.bold(`Subscribe round trip: ${report.label} (${report.key})`),
  style.dim(`  vendor ${report.vendorId} · hook URL ${report.targetUrl}`),
  ...report.steps.flatMap((step) => [
    `  ${step.step}`,
    ...logLines(step.logs, style).map((line) => `  ${line}`),
    ...exchangeLines(step.http, style).map((line) => `  ${line}`),
    step.error ? style.red(`    ✗ ${step.error.name} (message on stderr)`) : `    ${step.outcome ?? ''}`,
  ]),
  '',
];

const STEP_SOURCE_TEXT = { offline: 'fake Sesamy (offline)', live: 'Sesamy API (--live)' } as const;
export type StepSource = keyof typeof STEP_SOURCE_TEXT;

/** A request body as one line: JSON as sent; any other type named before it. */
const bodyLines = ({ body, contentType }: Exchange, style: Style): string[] => {
  if (body === undefined) return [];
  const type = contentType === undefined || contentType.includes('application/json') ? '' : `(${contentType || 'no content type'}) `;
  return [`  ${style.dim('body')}  ${type}${body.replace(/\r?\n/g, '↵')}`];
};

export const stepLines = (report: StepReport, step: StepOperation, source: StepSource, style: Style): string[] => {
  const lines = [
    style.bold(`${report.label} (${report.key})`),
    style.dim(`  ${report.kind} · ${STEP_SOURCE_TEXT[source]}${report.error ? '' : ` · ${plural(report.rows.length, 'row')}`}`),
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

const CHECK_TEXT: Record<Check, string> = {
  sample: 'Test trigger: the newest, however old',
  populate: 'the first check after the Zap is turned on',
  poll: 'a scheduled check: the last 23 hours',
};

export const pollLines = (report: PollReport, poll: PollingTrigger, source: StepSource, style: Style): string[] => {
  const lines = [
    style.bold(`${report.label} (${report.key})`),
    style.dim(
      `  ${CHECK_TEXT[report.check]} · ${STEP_SOURCE_TEXT[source]}${report.error ? '' : ` · ${plural(report.rows.length, 'row')}`}`,
    ),
    ...(Object.keys(report.input).length > 0 ? [`  ${style.dim('input')} ${JSON.stringify(report.input)}`] : []),
    ...logLines(report.logs, style),
    ...exchangeLines(report.http, style),
    ...report.units.map((line) => `  ${style.dim('units')} ${line}`),
  ];
  if (report.error) {
    lines.push(style.red(`  ✗ ${report.error.name} (message on stderr)`));
  } else if (report.rows.length === 0) {
    lines.push('  (no rows: the Zap would not run)');
  }
  return [...lines, ...rowLines(report.rows, poll.outputFields, style), ''];
};
