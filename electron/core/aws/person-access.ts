import {
  DeactivateMFADeviceCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  GetLoginProfileCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from './aws-clients';
import { awsErrorCode, callAws, translateAwsError } from './aws-errors';

// What a person has in IAM besides access keys, and removing it: what offboarding a whole person
// needs (electron/core/keys/offboard.ts). Each call says what it was doing, for the person's
// error message.

/** Whether the person can sign in to the AWS console with a password. */
export async function hasConsolePassword(clients: AwsClients, userName: string): Promise<boolean> {
  try {
    await clients.iam.send(new GetLoginProfileCommand({ UserName: userName }));
    return true;
  } catch (error) {
    // IAM answers "no such entity" for a user without a password (and for no such user, which
    // listing the keys has already ruled out).
    if (awsErrorCode(error) === 'NoSuchEntity') return false;
    throw translateAwsError(error, {
      doing: 'see whether the person has a console password',
      userName,
    });
  }
}

export async function removeConsolePassword(clients: AwsClients, userName: string): Promise<void> {
  await callAws({ doing: 'remove the console password', userName }, () =>
    clients.iam.send(new DeleteLoginProfileCommand({ UserName: userName })),
  );
}

/** Serial numbers (ARNs for virtual devices) of the person's MFA devices. */
export async function listMfaDevices(clients: AwsClients, userName: string): Promise<string[]> {
  return await callAws({ doing: 'list the MFA devices', userName }, async () => {
    const serials: string[] = [];
    let marker: string | undefined;
    do {
      const page = await clients.iam.send(
        new ListMFADevicesCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) }),
      );
      for (const device of page.MFADevices ?? []) serials.push(device.SerialNumber ?? '');
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return serials.filter((serial) => serial !== '');
  });
}

/**
 * Turns the device off for the person; a virtual device (an authenticator app: its serial is an
 * ARN) is then deleted too, as the IAM console does. A hardware device stays with its owner.
 */
export async function removeMfaDevice(
  clients: AwsClients,
  userName: string,
  serialNumber: string,
): Promise<void> {
  await callAws({ doing: 'turn off the MFA device', userName }, async () => {
    await clients.iam.send(
      new DeactivateMFADeviceCommand({ UserName: userName, SerialNumber: serialNumber }),
    );
    if (serialNumber.startsWith('arn:')) {
      await clients.iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serialNumber }));
    }
  });
}

export async function listGroupsOf(clients: AwsClients, userName: string): Promise<string[]> {
  return await callAws({ doing: 'list the groups', userName }, async () => {
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await clients.iam.send(
        new ListGroupsForUserCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) }),
      );
      for (const group of page.Groups ?? []) names.push(group.GroupName ?? '');
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return names.filter((name) => name !== '');
  });
}

export async function removeFromGroup(
  clients: AwsClients,
  userName: string,
  groupName: string,
): Promise<void> {
  await callAws({ doing: `remove the person from the group ${groupName}`, userName }, () =>
    clients.iam.send(new RemoveUserFromGroupCommand({ UserName: userName, GroupName: groupName })),
  );
}

export async function deleteUser(clients: AwsClients, userName: string): Promise<void> {
  await callAws({ doing: 'delete the IAM user', userName }, () =>
    clients.iam.send(new DeleteUserCommand({ UserName: userName })),
  );
}
