/**
 * KeyAdmin's two calls that change a key in AWS, for work built on them (offboarding, the
 * audit's fixes): each records its own History entry and applies its own rules.
 */
export interface KeyChanges {
  setKeyStatus(
    userName: string,
    accessKeyId: string,
    status: 'Active' | 'Inactive',
    confirmInUse?: boolean,
  ): Promise<void>;
  deleteKey(userName: string, accessKeyId: string, confirmInUse: boolean): Promise<void>;
}
