import { paginate } from '../pagination';
import { readMaxItems } from '../params';
import { mergeTags, readTagKeys, readTags, removeTags } from '../tags';
import { el, optionalEl } from '../xml';
import { targetUser, type ActionHandler } from './context';
import { booleanXml } from './shapes';

export const tagUser: ActionHandler = (context) => {
  context.params.require('UserName');
  // A malformed tag is reported before the user is looked up, as IAM does.
  const tags = readTags(context.params, true);
  const user = targetUser(context, 'iam:TagUser', { defaultsToCaller: false });
  user.tags = mergeTags(user.tags, tags);
  return undefined;
};

export const untagUser: ActionHandler = (context) => {
  context.params.require('UserName');
  const keys = readTagKeys(context.params);
  const user = targetUser(context, 'iam:UntagUser', { defaultsToCaller: false });
  user.tags = removeTags(user.tags, keys);
  return undefined;
};

export const listUserTags: ActionHandler = (context) => {
  context.params.require('UserName');
  readMaxItems(context.params);
  const user = targetUser(context, 'iam:ListUserTags', { defaultsToCaller: false });
  const page = paginate(user.tags, (tag) => tag.Key, context.params);
  return [
    el(
      'Tags',
      page.items.map((tag) => el('member', [el('Key', tag.Key), el('Value', tag.Value)])),
    ),
    booleanXml('IsTruncated', page.isTruncated),
    ...optionalEl('Marker', page.marker),
  ];
};
