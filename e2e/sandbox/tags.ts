import {
  constraintError,
  invalidInput,
  missingMember,
  tagQuotaExceeded,
  validationError,
} from './errors';
import { checkMember, type MemberRule, type QueryParams } from './params';

/** One IAM tag, as IAM spells its fields. */
export interface Tag {
  Key: string;
  Value: string;
}

const MAX_TAGS = 50;
const KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const KEY_RULE: MemberRule = {
  min: 1,
  max: 128,
  pattern: KEY_PATTERN,
  patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
};
const VALUE_RULE: MemberRule = {
  min: 0,
  max: 256,
  pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
};

/** Reads `Tags.member.N.Key/Value` and applies IAM's tag rules in the order IAM reports them. */
export function readTags(params: QueryParams, required: boolean): Tag[] {
  const entries = params.structList('Tags', ['Key', 'Value'] as const);
  if (entries === undefined) {
    if (required) throw missingMember('tags');
    return [];
  }
  if (entries.length > MAX_TAGS) {
    throw constraintError('tags', `Member must have length less than or equal to ${MAX_TAGS}`);
  }
  const tags = entries.map(({ index, fields }) => {
    const member = `tags.${String(index)}.member`;
    const { Key: key, Value: value } = fields;
    if (key === undefined) throw missingMember(`${member}.key`);
    if (value === undefined) throw missingMember(`${member}.value`);
    checkMember(`${member}.key`, key, KEY_RULE);
    checkMember(`${member}.value`, value, VALUE_RULE);
    return { Key: key, Value: value };
  });
  for (const tag of tags) {
    if (tag.Key.toLowerCase().startsWith('aws:')) {
      throw invalidInput("Tag keys starting with 'aws:' are reserved for AWS use.");
    }
  }
  const keys = new Set(tags.map((tag) => tag.Key.toLowerCase()));
  if (keys.size !== tags.length) {
    throw invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  }
  return tags;
}

/** UntagUser answers every malformed key with one combined message, as IAM does. */
export function readTagKeys(params: QueryParams): string[] {
  const keys = params.list('TagKeys');
  if (keys === undefined) throw missingMember('tagKeys');
  if (keys.length > MAX_TAGS) {
    throw constraintError('tagKeys', `Member must have length less than or equal to ${MAX_TAGS}`);
  }
  if (keys.some((key) => key.length < 1 || key.length > 128 || !KEY_PATTERN.test(key))) {
    throw validationError(
      "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must " +
        'satisfy constraint: [Member must have length less than or equal to 128, Member must have ' +
        'length greater than or equal to 1, Member must satisfy regular expression pattern: ' +
        '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]',
    );
  }
  return keys;
}

/** A tag with the same key in any case replaces the old one, and the new casing wins. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(existing.map((tag) => [tag.Key.toLowerCase(), tag]));
  for (const tag of added) byKey.set(tag.Key.toLowerCase(), { ...tag });
  if (byKey.size > MAX_TAGS) throw tagQuotaExceeded();
  return sortTags([...byKey.values()]);
}

export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const removed = new Set(keys.map((key) => key.toLowerCase()));
  return existing.filter((tag) => !removed.has(tag.Key.toLowerCase()));
}

/** IAM lists tags ordered by key. */
export function sortTags(tags: Tag[]): Tag[] {
  return tags.sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
}
