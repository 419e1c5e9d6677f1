import { isoSeconds } from '../dates';
import type { AccessKeyRecord, UserRecord } from '../state';
import type { Tag } from '../tags';
import { el, memberList, type XmlElement } from '../xml';

export function tagsXml(tags: readonly Tag[]): XmlElement {
  return memberList(
    'Tags',
    tags.map((tag) => [el('Key', tag.Key), el('Value', tag.Value)]),
  );
}

/** IAM's User shape; list operations leave the tags out, as ListUsers does. */
export function userXml(user: UserRecord, withTags: boolean): XmlElement[] {
  return [
    el('Path', user.path),
    el('UserName', user.userName),
    el('UserId', user.userId),
    el('Arn', user.arn),
    el('CreateDate', isoSeconds(user.createDate)),
    ...(withTags && user.tags.length > 0 ? [tagsXml(user.tags)] : []),
  ];
}

export function accessKeyMetadataXml(key: AccessKeyRecord): XmlElement[] {
  return [
    el('UserName', key.userName),
    el('AccessKeyId', key.accessKeyId),
    el('Status', key.status),
    el('CreateDate', isoSeconds(key.createDate)),
  ];
}

export function booleanXml(name: string, value: boolean): XmlElement {
  return el(name, value ? 'true' : 'false');
}
