// How the actions read what a publisher typed or mapped, before anything is sent.

import type { ZObject } from 'zapier-platform-core';
import { regexes, z as zod } from 'zod';
import { dictOf, EMAIL_PATTERN, emailOf } from '../../steps/inputs.ts';
import { appTester, bundleWith, errors, messageOf, rejectionOf } from '../support/harness.ts';

const emailAsTyped = (value: unknown) => appTester(async (z: ZObject, bundle) => emailOf(z, bundle, value) ?? null, bundleWith());

describe('emails', () => {
  it('are checked with zod’s own email pattern, written out so the app starts without zod', () => {
    expect(EMAIL_PATTERN.source).toBe(regexes.email.source);
    expect(EMAIL_PATTERN.flags).toBe(regexes.email.flags);
    const candidates = ['ada@example.com', 'a.b+c@mail.example.se', 'a@b..c', 'ådä@exämple.se', '.a@b.se', 'a@b', "o'neil@example.ie"];
    for (const candidate of candidates) {
      expect([candidate, EMAIL_PATTERN.test(candidate)]).toEqual([candidate, zod.email().safeParse(candidate).success]);
    }
  });

  it('are taken as a person types them: spaces around and capitals do not matter', async () => {
    await expect(emailAsTyped('  Ada.Lovelace@Example.COM ')).resolves.toBe('ada.lovelace@example.com');
    await expect(emailAsTyped('')).resolves.toBeNull();
  });

  it('that are not one address get an error that says what to map', async () => {
    const error = await rejectionOf(emailAsTyped('ada@example.com, bob@example.com'));
    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toBe(
      'Email “ada@example.com, bob@example.com” is not an email address. Map a field that holds one email, like reader@example.com.',
    );
  });
});

const extraFieldsAsTyped = (value: unknown) =>
  appTester(async (z: ZObject, bundle) => dictOf(z, bundle, value, 'Extra Fields') ?? null, bundleWith());

describe('a dictionary field (Grant Access’s Extra Fields)', () => {
  it('keeps every name and value as Sesamy’s string map, trimmed, without the empty rows Zapier sends', async () => {
    await expect(
      extraFieldsAsTyped({ ' channel ': ' partner-shop ', campaign: 2026, vip: true, '': 'no name', empty: '  ' }),
    ).resolves.toEqual({
      channel: 'partner-shop',
      campaign: '2026',
      vip: 'true',
    });
    await expect(extraFieldsAsTyped({})).resolves.toBeNull();
    await expect(extraFieldsAsTyped('')).resolves.toBeNull();
  });

  it('loses nothing a step mapped in: a list or an object is kept as its JSON', async () => {
    await expect(extraFieldsAsTyped({ tags: ['a', 'b'], address: { city: 'Lund' } })).resolves.toEqual({
      tags: '["a","b"]',
      address: '{"city":"Lund"}',
    });
  });

  it('typed as one text instead of names and values is an error that says what to do', async () => {
    const error = await rejectionOf(extraFieldsAsTyped('channel=partner-shop'));
    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toBe(
      'Extra Fields takes names and values, one pair per row, not “channel=partner-shop” alone. Put the value under a name of its own.',
    );
  });
});
