import { IAMServiceException } from '@aws-sdk/client-iam';
import type { AwsSession } from '../../../electron/core/aws/aws-session';

/**
 * Makes IAM refuse the credential report (both actions, unless told which) to the signed-in
 * client, as it does for a policy that allows iam:List* but not the report. The sandbox's
 * permission levels have no such mix, so the refusal is injected at the SDK's first middleware
 * step, in AWS's own words. The per-user audit's client is built separately and is unaffected.
 * FIXME: a sandbox fault (e.g. `faults.deny(action)`) would make this a real IAM answer.
 */
export function refuseCredentialReport(
  session: AwsSession,
  refused: readonly string[] = ['GenerateCredentialReport', 'GetCredentialReport'],
): void {
  const { iam } = session.signedIn().clients;
  const arn = session.whoami()?.arn ?? 'unknown';
  iam.middlewareStack.add(
    (next, context) => (args) => {
      const action = context.commandName?.replace(/Command$/, '') ?? '';
      if (refused.includes(action)) {
        return Promise.reject(
          new IAMServiceException({
            name: 'AccessDenied',
            $fault: 'client',
            $metadata: { httpStatusCode: 403, attempts: 1 },
            message: `User: ${arn} is not authorized to perform: iam:${action} on resource: *`,
          }),
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'keywardTestRefuseCredentialReport' },
  );
}
