export * from './content-security-policy';
export * from './external-links';
export * from './static-files';
