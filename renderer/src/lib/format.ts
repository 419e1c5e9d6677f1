/** Plain-language formatting shared by every screen. Pure functions: no state, no bridge. */

const dayMs = 24 * 60 * 60 * 1000;

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

export function daysSince(iso: string, now = Date.now()): number {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? 0 : Math.max(0, Math.floor((now - time) / dayMs));
}

/** "today", "yesterday", "12 days ago", "about 4 months ago", "over 2 years ago". */
export function ago(iso: string, now = Date.now()): string {
  const days = daysSince(iso, now);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${String(days)} days ago`;
  if (days < 730) return `about ${String(Math.round(days / 30))} months ago`;
  return `over ${String(Math.floor(days / 365))} years ago`;
}

/** A key's age as a person would say it: "400 days old". */
export function ageText(days: number): string {
  if (days === 0) return 'created today';
  return `${plural(days, 'day')} old`;
}

export function dateText(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return 'an unknown date';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(time);
}

const serviceNames: Record<string, string> = {
  s3: 'S3 (file storage)',
  ec2: 'EC2 (servers)',
  iam: 'IAM (users and keys)',
  sts: 'STS (sign-in)',
  lambda: 'Lambda (functions)',
  dynamodb: 'DynamoDB (database)',
  cloudwatch: 'CloudWatch (monitoring)',
  rds: 'RDS (database)',
  sqs: 'SQS (queues)',
  sns: 'SNS (notifications)',
};

const regionNames: Record<string, string> = {
  'us-east-1': 'N. Virginia',
  'us-east-2': 'Ohio',
  'us-west-1': 'N. California',
  'us-west-2': 'Oregon',
  'eu-west-1': 'Ireland',
  'eu-west-2': 'London',
  'eu-west-3': 'Paris',
  'eu-central-1': 'Frankfurt',
  'eu-north-1': 'Stockholm',
  'ap-southeast-1': 'Singapore',
  'ap-southeast-2': 'Sydney',
  'ap-northeast-1': 'Tokyo',
  'ca-central-1': 'Canada',
  'sa-east-1': 'São Paulo',
};

export function serviceText(service: string): string {
  return serviceNames[service.toLowerCase()] ?? service;
}

export function regionText(region: string): string {
  const name = regionNames[region];
  return name ? `${region} (${name})` : region;
}

type LastUsed = { date: string; service: string; region: string } | null;

/** "yesterday (27 Nov 2026), with S3 (file storage) in eu-west-1 (Ireland)" or "never". */
export function lastUseDetail(lastUsed: LastUsed): string {
  if (!lastUsed) return 'never';
  const where =
    lastUsed.service && lastUsed.service !== 'N/A'
      ? `, with ${serviceText(lastUsed.service)}${
          lastUsed.region && lastUsed.region !== 'N/A' ? ` in ${regionText(lastUsed.region)}` : ''
        }`
      : '';
  return `${ago(lastUsed.date)} (${dateText(lastUsed.date)})${where}`;
}

/** A sentence: "Last used yesterday (…), with S3 …" or "Never used". */
export function lastUsedText(lastUsed: LastUsed): string {
  return lastUsed ? `Last used ${lastUseDetail(lastUsed)}` : 'Never used';
}

/** Status words AWS uses, said for people. */
export function statusText(status: string): string {
  if (status === 'Active') return 'Active';
  if (status === 'Inactive') return 'Deactivated';
  return status;
}

/** A short, recognisable form of a key id for sentences: "AKIA…WXYZ". */
export function shortKeyId(accessKeyId: string): string {
  return accessKeyId.length > 8
    ? `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`
    : accessKeyId;
}

/** Bytes of a dropped file → base64, in chunks so large files do not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
