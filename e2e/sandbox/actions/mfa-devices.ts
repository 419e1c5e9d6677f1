import { isoSeconds } from '../dates';
import { paginate } from '../pagination';
import { readMaxItems } from '../params';
import { memberList, el, optionalEl } from '../xml';
import { targetUser, type ActionHandler } from './context';
import { booleanXml } from './shapes';

/** A user's MFA devices (the caller's when no UserName is given), by serial number. */
export const listMfaDevices: ActionHandler = (context) => {
  readMaxItems(context.params);
  const user = targetUser(context, 'iam:ListMFADevices', { defaultsToCaller: true });
  const devices = context.state
    .mfaDevicesOf(user.userName)
    .sort((a, b) => (a.serialNumber < b.serialNumber ? -1 : 1));
  const page = paginate(devices, (device) => device.serialNumber, context.params);
  return [
    memberList(
      'MFADevices',
      page.items.map((device) => [
        el('UserName', user.userName),
        el('SerialNumber', device.serialNumber),
        el('EnableDate', isoSeconds(device.enableDate)),
      ]),
    ),
    booleanXml('IsTruncated', page.isTruncated),
    ...optionalEl('Marker', page.marker),
  ];
};
