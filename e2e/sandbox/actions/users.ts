import {
  AwsError,
  deleteConflictGroups,
  deleteConflictKeys,
  deleteConflictLoginProfile,
  deleteConflictMfa,
  userAlreadyExists,
} from '../errors';
import { paginate } from '../pagination';
import { checkPath, checkPathPrefix, checkUserName, readMaxItems } from '../params';
import { readTags, sortTags } from '../tags';
import { el, memberList, optionalEl } from '../xml';
import { authorize, targetUser, type ActionHandler } from './context';
import { booleanXml, userXml } from './shapes';

const MAX_USERS = 5000;

export const createUser: ActionHandler = (context) => {
  const { params, state, now } = context;
  const userName = checkUserName(params.require('UserName'), 64);
  const path = checkPath(params.get('Path') ?? '/');
  const tags = readTags(params, false);
  authorize(context, 'iam:CreateUser', state.userArn(path, userName));
  if (state.findUser(userName)) throw userAlreadyExists(userName);
  if (state.users.size >= MAX_USERS) {
    throw new AwsError(
      'LimitExceeded',
      409,
      `Cannot exceed quota for UsersPerAccount: ${MAX_USERS}`,
    );
  }
  // Users created through the API start with no permissions, like a fresh IAM user.
  const user = state.addUser({
    userName,
    path,
    permission: 'none',
    tags: sortTags(tags),
    createDate: now,
  });
  return [el('User', userXml(user, true))];
};

export const getUser: ActionHandler = (context) => {
  const user = targetUser(context, 'iam:GetUser', { defaultsToCaller: true });
  return [el('User', userXml(user, true))];
};

export const listUsers: ActionHandler = (context) => {
  const { params, state } = context;
  const prefix = checkPathPrefix(params.get('PathPrefix') ?? '/');
  readMaxItems(params);
  authorize(context, 'iam:ListUsers', `arn:aws:iam::${state.accountId}:user${prefix}`);
  const users = state.sortedUsers().filter((user) => user.path.startsWith(prefix));
  const page = paginate(users, (user) => user.userName.toLowerCase(), params);
  return [
    memberList(
      'Users',
      page.items.map((user) => userXml(user, false)),
    ),
    booleanXml('IsTruncated', page.isTruncated),
    ...optionalEl('Marker', page.marker),
  ];
};

export const deleteUser: ActionHandler = (context) => {
  const user = targetUser(context, 'iam:DeleteUser', { defaultsToCaller: false });
  const { state } = context;
  if (state.keysOf(user.userName).length > 0) throw deleteConflictKeys();
  if (state.loginProfiles.has(user.userName.toLowerCase())) throw deleteConflictLoginProfile();
  if (state.hasMfa(user.userName)) throw deleteConflictMfa();
  if (state.groupsOf(user.userName).length > 0) throw deleteConflictGroups();
  state.deleteUser(user.userName);
  return undefined;
};
