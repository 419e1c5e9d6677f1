import { isoSeconds } from '../dates';
import { AwsError, noSuchGroup, noSuchLoginProfile, noSuchMfaDevice } from '../errors';
import { paginate } from '../pagination';
import { checkPath, readMaxItems } from '../params';
import { el, memberList, optionalEl, type XmlElement } from '../xml';
import { authorize, targetUser, type ActionContext, type ActionHandler } from './context';
import { booleanXml } from './shapes';
import type { GroupRecord } from '../state';

// What removing a person from an account touches besides their keys: the console password
// (login profile), group memberships and MFA devices. DeleteUser refuses while any remain.

export const createLoginProfile: ActionHandler = (context) => {
  const user = targetUser(context, 'iam:CreateLoginProfile', { defaultsToCaller: false });
  const password = context.params.require('Password');
  if (password.length < 8) {
    throw new AwsError(
      'PasswordPolicyViolation',
      400,
      'Password should have a minimum length of 8',
    );
  }
  const owner = user.userName.toLowerCase();
  if (context.state.loginProfiles.has(owner)) {
    throw new AwsError(
      'EntityAlreadyExists',
      409,
      `Login Profile for user ${user.userName} already exists.`,
    );
  }
  const profile = {
    userName: user.userName,
    createDate: context.now,
    passwordResetRequired: context.params.get('PasswordResetRequired') === 'true',
  };
  context.state.loginProfiles.set(owner, profile);
  return [el('LoginProfile', loginProfileXml(profile))];
};

export const getLoginProfile: ActionHandler = (context) => {
  const user = targetUser(context, 'iam:GetLoginProfile', { defaultsToCaller: true });
  const profile = context.state.loginProfiles.get(user.userName.toLowerCase());
  if (!profile) throw noSuchLoginProfile(user.userName);
  return [el('LoginProfile', loginProfileXml(profile))];
};

export const deleteLoginProfile: ActionHandler = (context) => {
  const user = targetUser(context, 'iam:DeleteLoginProfile', { defaultsToCaller: true });
  if (!context.state.loginProfiles.delete(user.userName.toLowerCase())) {
    throw noSuchLoginProfile(user.userName);
  }
  return undefined;
};

function loginProfileXml(profile: {
  userName: string;
  createDate: Date;
  passwordResetRequired: boolean;
}): XmlElement[] {
  return [
    el('UserName', profile.userName),
    el('CreateDate', isoSeconds(profile.createDate)),
    booleanXml('PasswordResetRequired', profile.passwordResetRequired),
  ];
}

export const createGroup: ActionHandler = (context) => {
  const { params, state, now } = context;
  const groupName = params.require('GroupName');
  const path = checkPath(params.get('Path') ?? '/');
  authorize(context, 'iam:CreateGroup', `arn:aws:iam::${state.accountId}:group${path}${groupName}`);
  if (state.findGroup(groupName)) {
    throw new AwsError('EntityAlreadyExists', 409, `Group with name ${groupName} already exists.`);
  }
  return [el('Group', groupXml(state.addGroup(groupName, path, now)))];
};

function groupNamed(context: ActionContext, action: string): GroupRecord {
  const { params, state } = context;
  const groupName = params.require('GroupName');
  const group = state.findGroup(groupName);
  authorize(context, action, group?.arn ?? `arn:aws:iam::${state.accountId}:group/${groupName}`);
  if (!group) throw noSuchGroup(groupName);
  return group;
}

export const addUserToGroup: ActionHandler = (context) => {
  const group = groupNamed(context, 'iam:AddUserToGroup');
  const user = targetUser(context, 'iam:AddUserToGroup', { defaultsToCaller: false });
  group.members.add(user.userName.toLowerCase());
  return undefined;
};

export const removeUserFromGroup: ActionHandler = (context) => {
  const group = groupNamed(context, 'iam:RemoveUserFromGroup');
  const user = targetUser(context, 'iam:RemoveUserFromGroup', { defaultsToCaller: false });
  if (!group.members.delete(user.userName.toLowerCase())) {
    throw new AwsError(
      'NoSuchEntity',
      404,
      `The user with name ${user.userName} is not in group ${group.groupName}.`,
    );
  }
  return undefined;
};

export const listGroupsForUser: ActionHandler = (context) => {
  readMaxItems(context.params);
  const user = targetUser(context, 'iam:ListGroupsForUser', { defaultsToCaller: false });
  const page = paginate(
    context.state.groupsOf(user.userName),
    (group) => group.groupName.toLowerCase(),
    context.params,
  );
  return [
    memberList('Groups', page.items.map(groupXml)),
    booleanXml('IsTruncated', page.isTruncated),
    ...optionalEl('Marker', page.marker),
  ];
};

function groupXml(group: GroupRecord): XmlElement[] {
  return [
    el('Path', group.path),
    el('GroupName', group.groupName),
    el('GroupId', group.groupId),
    el('Arn', group.arn),
    el('CreateDate', isoSeconds(group.createDate)),
  ];
}

/** Takes a virtual MFA device off its user; the device remains until DeleteVirtualMFADevice. */
export const deactivateMfaDevice: ActionHandler = (context) => {
  const user = targetUser(context, 'iam:DeactivateMFADevice', { defaultsToCaller: true });
  const serialNumber = context.params.require('SerialNumber');
  const device = context.state.mfaDevices.get(serialNumber);
  if (device?.userName.toLowerCase() !== user.userName.toLowerCase()) {
    throw noSuchMfaDevice(serialNumber);
  }
  context.state.mfaDevices.delete(serialNumber);
  context.state.unassignedMfaDevices.set(serialNumber, {
    serialNumber: device.serialNumber,
    base32Seed: device.base32Seed,
    enableDate: device.enableDate,
  });
  return undefined;
};

export const deleteVirtualMfaDevice: ActionHandler = (context) => {
  const serialNumber = context.params.require('SerialNumber');
  authorize(context, 'iam:DeleteVirtualMFADevice', serialNumber);
  if (context.state.mfaDevices.has(serialNumber)) {
    throw new AwsError('DeleteConflict', 409, 'MFA VirtualDevice in use. Must deactivate first.');
  }
  if (!context.state.unassignedMfaDevices.delete(serialNumber)) {
    throw noSuchMfaDevice(serialNumber);
  }
  return undefined;
};
