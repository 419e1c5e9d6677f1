import {
  GetUserCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
  type Tag,
} from '@aws-sdk/client-iam';
import { describe, expect } from 'vitest';
import { awsError, containing, it } from './test-support';

const validation = (member: string, constraint: string) => ({
  code: 'ValidationError',
  status: 400,
  message: `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
});

describe('IAM user tags', () => {
  it('adds, replaces regardless of case, lists by key and removes tags', async ({
    sandbox,
    iam,
  }) => {
    await iam.send(
      new TagUserCommand({
        UserName: 'nobody',
        Tags: [
          { Key: 'team', Value: 'ops' },
          { Key: 'AKIAEXAMPLE', Value: 'Laptop: CLI @home' },
          { Key: 'empty', Value: '' },
        ],
      }),
    );
    await iam.send(
      new TagUserCommand({ UserName: 'nobody', Tags: [{ Key: 'TEAM', Value: 'data' }] }),
    );
    const { Tags, IsTruncated } = await iam.send(new ListUserTagsCommand({ UserName: 'nobody' }));
    expect(Tags).toEqual([
      { Key: 'AKIAEXAMPLE', Value: 'Laptop: CLI @home' },
      { Key: 'TEAM', Value: 'data' },
      { Key: 'empty', Value: '' },
    ]);
    expect(IsTruncated).toBe(false);
    expect((await iam.send(new GetUserCommand({ UserName: 'nobody' }))).User?.Tags).toEqual(Tags);

    await iam.send(new UntagUserCommand({ UserName: 'nobody', TagKeys: ['team', 'never-there'] }));
    expect(sandbox.state.findUser('nobody')?.tags.map((tag) => tag.Key)).toEqual([
      'AKIAEXAMPLE',
      'empty',
    ]);
  });

  it('pages tags with MaxItems', async ({ iam }) => {
    const tags = ['a', 'b', 'c'].map((key) => ({ Key: key, Value: key }));
    await iam.send(new TagUserCommand({ UserName: 'nobody', Tags: tags }));
    const first = await iam.send(new ListUserTagsCommand({ UserName: 'nobody', MaxItems: 2 }));
    expect(first.Tags?.map((tag) => tag.Key)).toEqual(['a', 'b']);
    expect(first.IsTruncated).toBe(true);
    const rest = await iam.send(
      new ListUserTagsCommand({ UserName: 'nobody', Marker: first.Marker }),
    );
    expect(rest.Tags?.map((tag) => tag.Key)).toEqual(['c']);
  });

  it("enforces IAM's tag rules with IAM's messages", async ({ sandbox, iam }) => {
    const tagNobody = (tags: Tag[]) =>
      awsError(iam.send(new TagUserCommand({ UserName: 'nobody', Tags: tags })));
    const pattern = 'Member must satisfy regular expression pattern: ';

    expect(await tagNobody([{ Key: 'no*stars', Value: 'v' }])).toMatchObject(
      validation('tags.1.member.key', `${pattern}[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+`),
    );
    expect(
      await tagNobody([
        { Key: 'ok', Value: 'v' },
        { Key: 'k'.repeat(129), Value: 'v' },
      ]),
    ).toMatchObject(
      validation('tags.2.member.key', 'Member must have length less than or equal to 128'),
    );
    expect(await tagNobody([{ Key: 'k', Value: 'v'.repeat(257) }])).toMatchObject(
      validation('tags.1.member.value', 'Member must have length less than or equal to 256'),
    );
    expect(await tagNobody([{ Key: 'k', Value: 'semi;colon' }])).toMatchObject(
      validation('tags.1.member.value', `${pattern}[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`),
    );
    expect(
      await tagNobody(Array.from({ length: 51 }, (_, i) => ({ Key: `k${String(i)}`, Value: '' }))),
    ).toMatchObject(validation('tags', 'Member must have length less than or equal to 50'));
    expect(
      await tagNobody([
        { Key: 'Team', Value: 'a' },
        { Key: 'team', Value: 'b' },
      ]),
    ).toMatchObject({
      code: 'InvalidInput',
      status: 400,
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    });
    expect(await tagNobody([{ Key: 'aws:owner', Value: 'me' }])).toMatchObject({
      code: 'InvalidInput',
      status: 400,
    });
    expect(sandbox.state.findUser('nobody')?.tags).toEqual([]);
  });

  it('accepts unicode letters and spaces in keys and values', async ({ iam }) => {
    await iam.send(
      new TagUserCommand({
        UserName: 'nobody',
        Tags: [{ Key: 'Équipe données', Value: 'Zürich 2' }],
      }),
    );
    const { Tags } = await iam.send(new ListUserTagsCommand({ UserName: 'nobody' }));
    expect(Tags).toEqual([{ Key: 'Équipe données', Value: 'Zürich 2' }]);
  });

  it('answers LimitExceeded 409 when tags would exceed 50 on the user', async ({ iam }) => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${String(i)}`, Value: '' }));
    await iam.send(new TagUserCommand({ UserName: 'nobody', Tags: fifty }));
    await iam.send(
      new TagUserCommand({ UserName: 'nobody', Tags: [{ Key: 'K0', Value: 'same key' }] }),
    );
    expect(
      await awsError(
        iam.send(
          new TagUserCommand({ UserName: 'nobody', Tags: [{ Key: 'one-more', Value: '' }] }),
        ),
      ),
    ).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'The number of tags has reached the maximum limit.',
    });
  });

  it('validates tags before looking the user up, then answers NoSuchEntity', async ({ iam }) => {
    expect(
      await awsError(
        iam.send(new TagUserCommand({ UserName: 'ghost', Tags: [{ Key: 'a*', Value: '' }] })),
      ),
    ).toMatchObject({ code: 'ValidationError' });
    expect(
      await awsError(
        iam.send(new TagUserCommand({ UserName: 'ghost', Tags: [{ Key: 'a', Value: '' }] })),
      ),
    ).toMatchObject({ code: 'NoSuchEntity', message: 'The user with name ghost cannot be found.' });
    expect(
      await awsError(iam.send(new UntagUserCommand({ UserName: 'nobody', TagKeys: ['bad*key'] }))),
    ).toMatchObject({ code: 'ValidationError', message: containing("'tagKeys'") });
  });
});
