/** Whether this machine has what a keyring session needs. */
export function keyringSessionTools(): boolean;
/** Runs this process's command line again inside a keyring session; its exit status. */
export function rerunInKeyringSession(marker: string, password: string): number | null;
