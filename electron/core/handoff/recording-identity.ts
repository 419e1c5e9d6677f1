import type { Identity, Stanza } from 'age-encryption';

/**
 * An age identity that never decrypts anything but records that it was asked. age tries identities
 * in order and stops at the first that unwraps the file key, so one added last is asked only when
 * every real identity (or passphrase) found nothing: "wrong key", told apart from a file that
 * matched but then failed authentication, without reading library error messages.
 */
export class RecordingIdentity implements Identity {
  stanzas: Stanza[] | null = null;

  unwrapFileKey(stanzas: Stanza[]): null {
    this.stanzas = stanzas;
    return null;
  }

  get asked(): boolean {
    return this.stanzas !== null;
  }
}
