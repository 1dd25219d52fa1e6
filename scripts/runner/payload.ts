// --payload: reading a delivery from a file or stdin, and what it says (its events, its vendor, whether it is thin).
import { readFile } from 'node:fs/promises';
import { isObject } from '../../sesamy/json.ts';
import { isThinEvent } from '../../triggers/delivery.ts';
import { errorReportOf, RunnerError } from './errors.ts';
import type { Io } from './io.ts';

export interface Payload {
  readonly name: string;
  readonly text: string;
  readonly delivery: unknown;
}

const eventsOf = (delivery: unknown): unknown[] => (Array.isArray(delivery) ? delivery : [delivery]);

/** Whether the delivery needs the Sesamy API: thin events are hydrated from it (the app's own test, triggers/delivery.ts). */
export const hasThinEvents = (payload: Payload): boolean => eventsOf(payload.delivery).some(isThinEvent);

export const firstVendorOf = (delivery: unknown): string | undefined => {
  for (const event of eventsOf(delivery)) {
    if (isObject(event) && typeof event.vendorId === 'string' && event.vendorId.trim() !== '') return event.vendorId.trim();
  }
  return undefined;
};

export interface JsonSource {
  readonly name: string;
  readonly text: string;
  readonly value: unknown;
}

/** Reads a JSON document from a file, or stdin for `-` (--payload; an --input would read the same way); `what` names it in errors. */
export const readJsonSource = async (source: string, io: Io, what: string, expected: string): Promise<JsonSource> => {
  const name = source === '-' ? 'on stdin' : source;
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
  } catch (thrown) {
    const code = isObject(thrown) ? thrown.code : undefined;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : errorReportOf(thrown).message;
    throw new RunnerError(`cannot read ${what} ${name}: ${why}`, 1);
  }
  if (text.trim() === '') throw new RunnerError(`${what} ${name} is empty; it should be ${expected}`, 1);
  try {
    return { name, text, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (thrown) {
    throw new RunnerError(`${what} ${name} is not JSON: ${errorReportOf(thrown).message.slice(0, 160)}`, 1);
  }
};

export const readPayload = async (source: string, io: Io): Promise<Payload> => {
  const { name, text, value } = await readJsonSource(source, io, 'the payload', 'a JSON event or an array of events');
  return { name, text, delivery: value };
};
