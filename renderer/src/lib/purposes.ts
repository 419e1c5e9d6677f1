/** What a new access key is for, and the safer alternative AWS recommends when there is one. */
export type PurposeId = 'cli' | 'local-code' | 'in-aws' | 'outside' | 'other';

export interface Purpose {
  id: PurposeId;
  label: string;
  /** Suggested description, so the key is recognisable in lists later. */
  description: string;
  better: { title: string; text: string; link: { href: string; label: string } } | null;
}

export const purposes: readonly Purpose[] = [
  {
    id: 'cli',
    label: 'The AWS command line (the “aws” command) on my computer',
    description: 'AWS command line',
    better: {
      title: 'Better: sign in with “aws login”',
      text: 'With the AWS command line version 2.32 or later, type “aws login”, then sign in through your web browser as you usually sign in to AWS. The command line then gets short-lived credentials by itself: there is no key to keep safe, replace or lose.',
      link: {
        href: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sign-in.html',
        label: 'How “aws login” works (AWS documentation)',
      },
    },
  },
  {
    id: 'local-code',
    label: 'Programs or scripts I run on my computer (AWS SDKs, developer tools)',
    description: 'Local development',
    better: {
      title: 'Better: IAM Identity Center, or “aws login”',
      text: 'If your organisation uses IAM Identity Center (AWS’s company-wide single sign-on; “IAM” is AWS’s system of users and permissions), sign in through it once a day and your tools get short-lived credentials automatically. Without it, “aws login” does the same for your own tools.',
      link: {
        href: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html',
        label: 'Signing in with IAM Identity Center (AWS documentation)',
      },
    },
  },
  {
    id: 'in-aws',
    label: 'Code that runs inside AWS (a server, a Lambda function, a container)',
    description: 'Code running in AWS',
    better: {
      title: 'Better: give the code a role',
      text: 'Code running in AWS can be given a role: AWS then hands it temporary credentials automatically. Nobody has to copy, store or replace a key.',
      link: {
        href: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html',
        label: 'Roles for code running in AWS (AWS documentation)',
      },
    },
  },
  {
    id: 'outside',
    label:
      'A program or service outside AWS that asks for an access key (for example a backup tool)',
    description: 'Outside service',
    better: null,
  },
  { id: 'other', label: 'Something else', description: '', better: null },
];

export const purposeById = (id: PurposeId | null): Purpose | undefined =>
  purposes.find((purpose) => purpose.id === id);
