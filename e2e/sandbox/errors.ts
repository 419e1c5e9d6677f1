/**
 * An error answered as an AWS `ErrorResponse`. Codes, HTTP statuses and wording follow what IAM and
 * STS send, because Keyward's error translation is tested against exactly these.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export const validationError = (message: string) => new AwsError('ValidationError', 400, message);

/** AWS's "1 validation error detected" form; IAM leaves the offending value out of it. */
export const constraintError = (member: string, constraint: string) =>
  validationError(
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
  );

/** The same form as STS writes it, with the offending value. */
export const stsConstraintError = (member: string, value: string, constraint: string) =>
  validationError(
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy ` +
      `constraint: ${constraint}`,
  );

export const missingMember = (member: string) => constraintError(member, 'Member must not be null');

export const invalidInput = (message: string) => new AwsError('InvalidInput', 400, message);

export const noSuchUser = (userName: string) =>
  new AwsError('NoSuchEntity', 404, `The user with name ${userName} cannot be found.`);

export const noSuchAccessKey = (accessKeyId: string) =>
  new AwsError('NoSuchEntity', 404, `The Access Key with id ${accessKeyId} cannot be found.`);

export const userAlreadyExists = (userName: string) =>
  new AwsError('EntityAlreadyExists', 409, `User with name ${userName} already exists.`);

export const accessKeyQuotaExceeded = () =>
  new AwsError('LimitExceeded', 409, 'Cannot exceed quota for AccessKeysPerUser: 2');

export const tagQuotaExceeded = () =>
  new AwsError('LimitExceeded', 409, 'The number of tags has reached the maximum limit.');

export const deleteConflictKeys = () =>
  new AwsError('DeleteConflict', 409, 'Cannot delete entity, must delete access keys first.');

export const deleteConflictMfa = () =>
  new AwsError('DeleteConflict', 409, 'Cannot delete entity, must delete MFA device first.');

export const deleteConflictLoginProfile = () =>
  new AwsError('DeleteConflict', 409, 'Cannot delete entity, must delete login profile first.');

export const deleteConflictGroups = () =>
  new AwsError('DeleteConflict', 409, 'Cannot delete entity, must remove users from group first.');

export const noSuchLoginProfile = (userName: string) =>
  new AwsError('NoSuchEntity', 404, `Login Profile for User ${userName} cannot be found.`);

export const noSuchGroup = (groupName: string) =>
  new AwsError('NoSuchEntity', 404, `The group with name ${groupName} cannot be found.`);

export const noSuchMfaDevice = (serialNumber: string) =>
  new AwsError(
    'NoSuchEntity',
    404,
    `MFA Device with serial number ${serialNumber} does not exist.`,
  );

export const accessDenied = (callerArn: string, action: string, resource: string) =>
  new AwsError(
    'AccessDenied',
    403,
    `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} ` +
      `because no identity-based policy allows the ${action} action`,
  );

export const invalidClientTokenId = () =>
  new AwsError(
    'InvalidClientTokenId',
    403,
    'The security token included in the request is invalid.',
  );

export const expiredToken = () =>
  new AwsError('ExpiredToken', 403, 'The security token included in the request is expired');

export const signatureDoesNotMatch = (
  message = 'The request signature we calculated does not match the signature you provided. ' +
    'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
) => new AwsError('SignatureDoesNotMatch', 403, message);

export const incompleteSignature = (message: string) =>
  new AwsError('IncompleteSignature', 400, message);

export const missingAuthenticationToken = () =>
  new AwsError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');

export const throttling = () => new AwsError('Throttling', 400, 'Rate exceeded');

export const serviceFailure = () =>
  new AwsError(
    'ServiceFailure',
    500,
    'Request processing has failed because of an unknown error, exception or failure.',
    'Receiver',
  );

export const internalFailure = () =>
  new AwsError(
    'InternalFailure',
    500,
    'The request processing has failed because of an unknown error, exception or failure.',
    'Receiver',
  );
