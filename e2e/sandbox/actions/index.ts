import { listAccountAliases } from './account';
import {
  createAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
  listAccessKeys,
  updateAccessKey,
} from './access-keys';
import type { ActionHandler } from './context';
import { generateCredentialReport, getCredentialReport } from './credential-report';
import { listMfaDevices } from './mfa-devices';
import {
  addUserToGroup,
  createGroup,
  createLoginProfile,
  deactivateMfaDevice,
  deleteLoginProfile,
  deleteVirtualMfaDevice,
  getLoginProfile,
  listGroupsForUser,
  removeUserFromGroup,
} from './offboarding';
import { simulatePrincipalPolicy } from './simulate';
import { getCallerIdentity, getSessionToken } from './sts';
import { listUserTags, tagUser, untagUser } from './user-tags';
import { createUser, deleteUser, getUser, listUsers } from './users';

export type ServiceName = 'iam' | 'sts';

export interface Service {
  readonly name: ServiceName;
  readonly version: string;
  readonly xmlns: string;
  readonly actions: Readonly<Record<string, ActionHandler>>;
}

export const SERVICES: Readonly<Record<ServiceName, Service>> = {
  iam: {
    name: 'iam',
    version: '2010-05-08',
    xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/',
    actions: {
      CreateUser: createUser,
      GetUser: getUser,
      ListUsers: listUsers,
      DeleteUser: deleteUser,
      CreateAccessKey: createAccessKey,
      ListAccessKeys: listAccessKeys,
      UpdateAccessKey: updateAccessKey,
      DeleteAccessKey: deleteAccessKey,
      GetAccessKeyLastUsed: getAccessKeyLastUsed,
      TagUser: tagUser,
      UntagUser: untagUser,
      ListUserTags: listUserTags,
      ListMFADevices: listMfaDevices,
      GenerateCredentialReport: generateCredentialReport,
      GetCredentialReport: getCredentialReport,
      SimulatePrincipalPolicy: simulatePrincipalPolicy,
      ListAccountAliases: listAccountAliases,
      CreateLoginProfile: createLoginProfile,
      GetLoginProfile: getLoginProfile,
      DeleteLoginProfile: deleteLoginProfile,
      CreateGroup: createGroup,
      AddUserToGroup: addUserToGroup,
      RemoveUserFromGroup: removeUserFromGroup,
      ListGroupsForUser: listGroupsForUser,
      DeactivateMFADevice: deactivateMfaDevice,
      DeleteVirtualMFADevice: deleteVirtualMfaDevice,
    },
  },
  sts: {
    name: 'sts',
    version: '2011-06-15',
    xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
    actions: {
      GetCallerIdentity: getCallerIdentity,
      GetSessionToken: getSessionToken,
    },
  },
};

/** Which service a request is for: by its Version, else by the service it was signed for. */
export function resolveService(
  version: string | undefined,
  signedFor: string | undefined,
): Service {
  if (version === SERVICES.sts.version) return SERVICES.sts;
  if (version === SERVICES.iam.version) return SERVICES.iam;
  return signedFor === 'sts' ? SERVICES.sts : SERVICES.iam;
}
