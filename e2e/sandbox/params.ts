import { AwsError, constraintError, missingMember, validationError } from './errors';

/** AWS names members in validation messages in lowerCamelCase: UserName → userName. */
export function memberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The form parameters of one AWS Query request, with IAM's own validation messages. */
export class QueryParams {
  constructor(private readonly values: URLSearchParams) {}

  get(name: string): string | undefined {
    return this.values.get(name) ?? undefined;
  }

  require(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw missingMember(memberName(name));
    return value;
  }

  /** `Name.member.N` values in N order, or undefined when the list is absent. */
  list(name: string): string[] | undefined {
    const entries = this.indexed(`${name}.member.`, (rest) =>
      /^\d+$/.test(rest) ? rest : undefined,
    );
    if (entries.size === 0) return undefined;
    return [...entries.keys()]
      .sort((a, b) => a - b)
      .map((index) => this.values.get(`${name}.member.${String(index)}`) ?? '');
  }

  /** `Name.member.N.Field` structures in N order; a field left out is undefined. */
  structList<F extends string>(
    name: string,
    fields: readonly F[],
  ): { index: number; fields: Partial<Record<F, string>> }[] | undefined {
    const entries = this.indexed(`${name}.member.`, (rest) => {
      const match = /^(\d+)\.(.+)$/.exec(rest);
      return match ? match[1] : undefined;
    });
    if (entries.size === 0) return undefined;
    return [...entries.keys()]
      .sort((a, b) => a - b)
      .map((index) => {
        const values: Partial<Record<F, string>> = {};
        for (const field of fields) {
          const value = this.values.get(`${name}.member.${String(index)}.${field}`);
          if (value !== null) values[field] = value;
        }
        return { index, fields: values };
      });
  }

  private indexed(prefix: string, indexOf: (rest: string) => string | undefined): Set<number> {
    const indexes = new Set<number>();
    for (const key of this.values.keys()) {
      if (!key.startsWith(prefix)) continue;
      const index = indexOf(key.slice(prefix.length));
      if (index !== undefined) indexes.add(Number(index));
    }
    return indexes;
  }
}

type Refusal = (constraint: string) => AwsError;

/** A length rule, refused in IAM's words unless the caller says how (STS quotes the value). */
export function checkLength(
  member: string,
  value: string,
  min: number,
  max: number,
  refuse: Refusal = (constraint) => constraintError(member, constraint),
): void {
  if (value.length < min) {
    throw refuse(`Member must have length greater than or equal to ${String(min)}`);
  }
  if (value.length > max) {
    throw refuse(`Member must have length less than or equal to ${String(max)}`);
  }
}

export interface MemberRule {
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  /** The pattern as AWS quotes it in its refusal. */
  readonly patternText: string;
}

/** Length, then pattern, each refused in the "validation error detected" form. */
export function checkMember(
  member: string,
  value: string,
  rule: MemberRule,
  refuse: Refusal = (constraint) => constraintError(member, constraint),
): string {
  checkLength(member, value, rule.min, rule.max, refuse);
  if (!rule.pattern.test(value)) {
    throw refuse(`Member must satisfy regular expression pattern: ${rule.patternText}`);
  }
  return value;
}

/** IAM's names and paths: a length, then anything else refused in plain words. */
function checkSpecified(
  member: string,
  value: string,
  maxLength: number,
  pattern: RegExp,
  rule: string,
): string {
  checkLength(member, value, 1, maxLength);
  if (!pattern.test(value)) {
    throw validationError(`The specified value for ${member} is invalid. It must ${rule}`);
  }
  return value;
}

/** IAM user names: 64 characters when naming a new user, 128 when referring to one. */
export function checkUserName(value: string, maxLength = 128, member = 'userName'): string {
  return checkSpecified(
    member,
    value,
    maxLength,
    /^[\w+=,.@-]+$/,
    'contain only alphanumeric characters and/or the following: +=,.@_-',
  );
}

const PATH_CHARACTERS = 'contain only alphanumeric characters and/or / characters.';

export function checkPath(value: string): string {
  return checkSpecified(
    'path',
    value,
    512,
    /^(\/|\/[\u0021-\u007e]+\/)$/,
    `begin and end with / and ${PATH_CHARACTERS}`,
  );
}

export function checkPathPrefix(value: string): string {
  return checkSpecified(
    'pathPrefix',
    value,
    512,
    /^\/[\u0021-\u007f]*$/,
    `begin with / and ${PATH_CHARACTERS}`,
  );
}

export function checkAccessKeyId(value: string): string {
  return checkMember('accessKeyId', value, {
    min: 16,
    max: 128,
    pattern: /^\w+$/,
    patternText: '[\\w]+',
  });
}

export function checkStatus(value: string): 'Active' | 'Inactive' {
  if (value !== 'Active' && value !== 'Inactive') {
    throw constraintError('status', 'Member must satisfy enum value set: [Active, Inactive]');
  }
  return value;
}

/** IAM list operations: MaxItems 1–1000, default 100. */
export function readMaxItems(params: QueryParams): number {
  const raw = params.get('MaxItems');
  if (raw === undefined) return 100;
  if (!/^-?\d+$/.test(raw)) throw new AwsError('MalformedInput', 400, 'Invalid value for MaxItems');
  const value = Number(raw);
  if (value < 1) {
    throw constraintError('maxItems', 'Member must have value greater than or equal to 1');
  }
  if (value > 1000) {
    throw constraintError('maxItems', 'Member must have value less than or equal to 1000');
  }
  return value;
}
