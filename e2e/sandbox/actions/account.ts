import { el, memberList } from '../xml';
import { authorize, type ActionHandler } from './context';

export const listAccountAliases: ActionHandler = (context) => {
  authorize(context, 'iam:ListAccountAliases', '*');
  const { accountAlias } = context.state;
  return [
    memberList('AccountAliases', accountAlias === undefined ? [] : [accountAlias]),
    el('IsTruncated', 'false'),
  ];
};
