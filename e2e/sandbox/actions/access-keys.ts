import { isoSeconds } from '../dates';
import { accessKeyQuotaExceeded, AwsError, noSuchAccessKey } from '../errors';
import { paginate } from '../pagination';
import { checkAccessKeyId, checkStatus, readMaxItems } from '../params';
import type { AccessKeyRecord, UserRecord } from '../state';
import { el, optionalEl } from '../xml';
import { authorize, targetUser, type ActionContext, type ActionHandler } from './context';
import { accessKeyMetadataXml, booleanXml } from './shapes';

const MAX_KEYS_PER_USER = 2;

export const createAccessKey: ActionHandler = (context) => {
  const user = targetUser(context, 'iam:CreateAccessKey', { defaultsToCaller: true });
  if (context.state.keysOf(user.userName).length >= MAX_KEYS_PER_USER) {
    throw accessKeyQuotaExceeded();
  }
  const key = context.state.createAccessKey(user.userName, context.now);
  return [
    el('AccessKey', [
      el('UserName', key.userName),
      el('AccessKeyId', key.accessKeyId),
      el('Status', key.status),
      el('SecretAccessKey', key.secretAccessKey),
      el('CreateDate', isoSeconds(key.createDate)),
    ]),
  ];
};

export const listAccessKeys: ActionHandler = (context) => {
  readMaxItems(context.params);
  const user = targetUser(context, 'iam:ListAccessKeys', { defaultsToCaller: true });
  const page = paginate(
    context.state.keysOf(user.userName),
    (key) => `${key.createDate.toISOString()}|${key.accessKeyId}`,
    context.params,
  );
  return [
    el('UserName', user.userName),
    el(
      'AccessKeyMetadata',
      page.items.map((key) => el('member', accessKeyMetadataXml(key))),
    ),
    booleanXml('IsTruncated', page.isTruncated),
    ...optionalEl('Marker', page.marker),
  ];
};

export const updateAccessKey: ActionHandler = (context) => {
  const accessKeyId = checkAccessKeyId(context.params.require('AccessKeyId'));
  const status = checkStatus(context.params.require('Status'));
  const key = ownedKey(context, 'iam:UpdateAccessKey', accessKeyId);
  key.status = status;
  return undefined;
};

export const deleteAccessKey: ActionHandler = (context) => {
  const accessKeyId = checkAccessKeyId(context.params.require('AccessKeyId'));
  const key = ownedKey(context, 'iam:DeleteAccessKey', accessKeyId);
  context.state.accessKeys.delete(key.accessKeyId);
  return undefined;
};

export const getAccessKeyLastUsed: ActionHandler = (context) => {
  const { state, caller } = context;
  const accessKeyId = checkAccessKeyId(context.params.require('AccessKeyId'));
  const key = state.accessKeys.get(accessKeyId);
  const owner = key && state.findUser(key.userName);
  if (!key || !owner) {
    // Without a key there is no owner to authorize against, and IAM says so in these words.
    throw new AwsError(
      'AccessDenied',
      403,
      `User: ${caller.user.arn} is not authorized to perform: iam:GetAccessKeyLastUsed on ` +
        `resource: access key ${accessKeyId}`,
    );
  }
  authorize(context, 'iam:GetAccessKeyLastUsed', owner.arn);
  const { lastUsed } = key;
  return [
    el('UserName', owner.userName),
    el(
      'AccessKeyLastUsed',
      lastUsed
        ? [
            el('LastUsedDate', isoSeconds(lastUsed.date)),
            el('ServiceName', lastUsed.serviceName),
            el('Region', lastUsed.region),
          ]
        : // IAM's answer for a key never used: no date, and N/A for the rest.
          [el('ServiceName', 'N/A'), el('Region', 'N/A')],
    ),
  ];
};

/** The key, if it belongs to the target user; IAM does not reveal other users' keys. */
function ownedKey(context: ActionContext, action: string, accessKeyId: string): AccessKeyRecord {
  const user: UserRecord = targetUser(context, action, { defaultsToCaller: true });
  const key = context.state.accessKeys.get(accessKeyId);
  if (!key || key.userName.toLowerCase() !== user.userName.toLowerCase()) {
    throw noSuchAccessKey(accessKeyId);
  }
  return key;
}
