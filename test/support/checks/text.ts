// Zapier's integration checks on texts (docs.zapier.com/platform/publish/integration-checks-reference):
// labels (D018), descriptions (D021), help texts (D002, D011), URLs and links (D007, D008,
// D025) and the connection label (D003). Each returns its violations as sentences that
// start with the check id, so a failing test reads like Zapier's own report; an empty
// list means the check passes.
import { isObject } from '../../../sesamy/json.ts';
import { type Definition, type Field, type Placed, placeOf, quoted, type SearchOrCreate, type Trigger } from './definition.ts';

// ---------------------------------------------------------------------------------
// D018: Title Case, as the Python `titlecase` package does it (John Gruber's rules).
// Zapier's check is believed to use that package (its small-word list is exactly the
// one below); this port follows its algorithm except the Mc/Mac and Mr/Mrs/Dr special
// cases, which no label here needs. UNVERIFIED: that Zapier uses this exact package.

const SMALL = String.raw`a|an|and|as|at|but|by|en|for|if|in|of|on|or|the|to|v\.?|via|vs\.?`;
/** Python titlecase's PUNCT, escaped for a character class. */
const PUNCT = `${String.raw`!"“#$%&'‘()*+,\-–‒—―./:;?@[\\\]_`}\`{|}~`;
const SMALL_WORD = new RegExp(`^(?:${SMALL})$`, 'i');
const INLINE_PERIOD = /\p{L}[.]\p{L}/u;
const UC_ELSEWHERE = new RegExp(`^[${PUNCT}]*?\\p{L}+\\p{Lu}+?`, 'u');
const UC_INITIALS = /^(?:\p{Lu}\.)+$/u;
const CAP_FIRST = new RegExp(`^([${PUNCT}]*?)(\\p{L})`, 'u');
const SMALL_FIRST = new RegExp(`^([${PUNCT}]*)(${SMALL})\\b`, 'i');
const SMALL_LAST = new RegExp(`\\b(${SMALL})([${PUNCT}]?)$`, 'i');
const SUBPHRASE = new RegExp(`([:.;?!\\-–‒—―] )(${SMALL})`, 'g');
const ALL_CONSONANTS = /^[bcdfghjklmnpqrstvwxz]+$/i;

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

export const titleCase = (text: string, smallFirstLast = true): string =>
  text
    .split(/[\r\n]+/)
    .map((line) => {
      const allCaps = line.toUpperCase() === line;
      const words = line.split(/[\t ]/).map((original): string => {
        let word = original;
        if (allCaps && UC_INITIALS.test(word)) return word;
        if (INLINE_PERIOD.test(word) || (!allCaps && UC_ELSEWHERE.test(word))) return word; // "iPhone", "ID", "e.g."
        if (SMALL_WORD.test(word)) return word.toLowerCase();
        if (word.includes('/') && !word.includes('//'))
          return word
            .split('/')
            .map((part) => titleCase(part, false))
            .join('/');
        if (word.includes('-'))
          return word
            .split('-')
            .map((part) => titleCase(part, smallFirstLast))
            .join('-');
        if (allCaps) word = word.toLowerCase();
        if (ALL_CONSONANTS.test(word) && word.length > 2) return word.toUpperCase(); // an acronym: "HTML"
        return word.replace(CAP_FIRST, (_, punct: string, letter: string) => `${punct}${letter.toUpperCase()}`);
      });
      if (smallFirstLast && words.length > 0) {
        words[0] = (words[0] ?? '').replace(SMALL_FIRST, (_, punct: string, small: string) => `${punct}${capitalize(small)}`);
        const last = words.length - 1;
        words[last] = (words[last] ?? '').replace(SMALL_LAST, (_, small: string, punct: string) => `${capitalize(small)}${punct}`);
      }
      return words.join(' ').replace(SUBPHRASE, (_, lead: string, small: string) => `${lead}${capitalize(small)}`);
    })
    .join('\n');

/** D018: trigger, search, create and searchOrCreate labels are Title Case. The reference names no exemption for hidden ones. */
export const d018 = (action: Trigger | SearchOrCreate): string[] => {
  const { label } = action.display;
  if (label === undefined || titleCase(label) === label) return [];
  return [`D018 Titlecased Label: ${placeOf(action)} label ${quoted(label)} should be ${quoted(titleCase(label))}.`];
};

// ---------------------------------------------------------------------------------
// D021: trigger descriptions

export const TRIGGER_DESCRIPTION = /^Triggers when \S[\s\S]*\.$/;

/** D021: "Trigger descriptions must start with `Triggers when ` and end with a `.`". No exemption for hidden triggers is stated. */
export const d021 = (trigger: Trigger): string[] => {
  const { description } = trigger.display;
  if (description === undefined || TRIGGER_DESCRIPTION.test(description)) return [];
  return [
    `D021 Trigger Description Requirements: triggers.${trigger.key} description ${quoted(description)} must start with “Triggers when ” and end with “.”.`,
  ];
};
// ---------------------------------------------------------------------------------
// D002, D011: help texts

/** A well-formed Markdown link to a web page (whether it is HTTPS is D007's concern). */
const MARKDOWN_LINK = /\[[^\]\n]+\]\((https?:\/\/[^\s)]+)\)/;

/**
 * D002: every auth field the user pastes a credential into (not a choice, not computed
 * by the app) links in its help text to where that credential is found.
 */
export const d002 = ({ where, item }: Placed<Field>): string[] => {
  const pasted = item.choices === undefined && !item.computed && ['string', 'password', 'text', undefined].includes(item.type);
  if (!pasted || MARKDOWN_LINK.test(item.helpText ?? '')) return [];
  return [
    `D002 Provide Link in Help Text for Auth Fields: ${where} help text has no Markdown link to where the ${item.label ?? item.key} is found.`,
  ];
};

const normalized = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** D011: help text says more than the label. */
export const d011 = ({ where, item }: Placed<Field>): string[] =>
  item.helpText !== undefined && normalized(item.helpText) === normalized(item.label ?? item.key)
    ? [`D011 Redundant Help Text: ${where} help text ${quoted(item.helpText)} only repeats the label ${quoted(item.label ?? item.key)}.`]
    : [];
// ---------------------------------------------------------------------------------
// D007, D008, D025: URLs and links

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`)\]]+/gi;

/** D007: every URL in the definition (and every endpoint the app is configured with) uses HTTPS. */
export const d007 = ({ where, item }: Placed<string>): string[] =>
  [...item.matchAll(URL_IN_TEXT)]
    .map(([url]) => url)
    .filter((url) => !url.toLowerCase().startsWith('https://'))
    .map((url) => `D007 All URLs Should Be HTTPS: ${where} has ${quoted(url)}.`);

/**
 * D008: Markdown links are well formed, and a URL not in a link is in backticks. Valid
 * links and code spans are removed; what remains must hold no URL and no link syntax.
 */
export const d008 = ({ where, item }: Placed<string>): string[] => {
  const rest = item.replace(/`[^`\n]*`/g, '').replace(new RegExp(MARKDOWN_LINK.source, 'g'), '');
  const problems: string[] = [];
  const broken = rest.match(/\[[^\]\n]*\]\s*\([^)\n]*\)?|\[[^\]\n]*\bhttps?:\/\/[^\s\]]*/i);
  if (broken) problems.push(`D008 Invalid Markdown Link: ${where} has the malformed link ${quoted(broken[0])}.`);
  const bare = rest.match(/\b(?:https?:\/\/|www\.)[^\s)\]]*[^\s)\].,;:!?]/i);
  if (bare && !broken) {
    problems.push(`D008 Invalid Markdown Link: ${where} has the bare URL ${quoted(bare[0])}; make it a [link](…) or put it in backticks.`);
  }
  return problems;
};

/** D025: no dangerous URIs (script URIs, data URIs). */
export const d025 = ({ where, item }: Placed<string>): string[] => {
  const found = item.match(/\b(?:javascript|vbscript):|\bdata:[a-z]+\/[a-z0-9.+-]+[;,]/i);
  return found ? [`D025 Dangerous URI: ${where} has a ${quoted(found[0])} URI.`] : [];
};

// ---------------------------------------------------------------------------------
// D003: the connection label

/** D003: the definition sets a connection label (a template, a request or a function). */
export const d003Set = (definition: Definition): string[] => {
  const label = definition.authentication?.connectionLabel;
  return (typeof label === 'string' && label.trim() !== '') || isObject(label)
    ? []
    : ['D003 Connection Label Should Be Set: authentication.connectionLabel is not set.'];
};

/**
 * D003: the label the connection gets identifies the account: it is not just the app's
 * name, and two different accounts get different labels.
 */
export const d003Label = (label: unknown, otherAccountLabel: unknown, appTitle: string): string[] => {
  const message = 'D003 Connection Label Should Be Set: the connection label';
  if (typeof label !== 'string' || label.trim() === '') return [`${message} is empty (${JSON.stringify(label)}).`];
  const problems: string[] = [];
  if (normalized(label) === normalized(appTitle)) problems.push(`${message} ${quoted(label)} is just the app's name.`);
  if (label === otherAccountLabel) problems.push(`${message} ${quoted(label)} is the same for two different accounts.`);
  return problems;
};
