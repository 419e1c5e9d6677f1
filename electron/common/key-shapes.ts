// The shapes of AWS names and access key parts, once, for every door and every check (no imports: the
// fast credential-process entry loads this too).

/** An access key id as IAM (AKIA…, long-term) or STS (ASIA…, temporary) issues it. */
export const accessKeyIdPattern = /^(?:AKIA|ASIA)[A-Z0-9]{16}$/;

/** A long-term access key id only: what IAM creates and what can be rotated or imported. */
export const longTermKeyIdPattern = /^AKIA[A-Z0-9]{16}$/;

/** A secret access key. */
export const secretAccessKeyPattern = /^[A-Za-z0-9/+]{40}$/;

/** An IAM user name: up to 64 letters, digits and + = , . @ _ - (IAM's own rule). */
export const userNamePattern = /^[\w+=,.@-]{1,64}$/;

/** An AWS account id: twelve digits. */
export const accountIdPattern = /^\d{12}$/;
