export * from './keytar-store';
export * from './secret-store';
export * from './vault-problem';
export * from './vault-status';
