import type {
  Identity,
  KeywardAction,
  Permissions,
  SignInChoices,
  SignInSource,
} from '../../common/domain';
import { AppError } from '../errors';
import type { ProfileStore } from '../vault/profile-store';
import type { AwsPlace } from './aws-clients';
import { isAccessDenied } from './aws-errors';
import type { PermissionTracker } from './permissions';
import type { SignedIn } from './session';

/** The AWS SDK is loaded on first use, not at start-up (the first screen does not need it). */
export const loadAws = () => import('./index');
export type AwsModule = Awaited<ReturnType<typeof loadAws>>;

export type SignOutListener = (ending: Identity, next: Identity | null) => void;

export interface AwsSessionDeps {
  profiles: ProfileStore;
  /** Where requests go (region, endpoint), read at each sign-in. */
  place: () => Promise<AwsPlace>;
}

/**
 * One sign-in to AWS at a time, and the one door every signed-in IAM call goes through, so what
 * AWS allows or refuses is learned once for the permission overview. What belongs to a sign-in
 * (an audit's result, say) is dropped through `onSignOut` when it ends.
 */
export class AwsSession {
  readonly #deps: AwsSessionDeps;
  #current: { signedIn: SignedIn; permissions: PermissionTracker } | null = null;
  readonly #signOutListeners = new Set<SignOutListener>();

  constructor(deps: AwsSessionDeps) {
    this.#deps = deps;
  }

  async choices(): Promise<SignInChoices> {
    // The SDK loads while the keychain answers; its list then leaves out kept keys' CLI profiles.
    const aws = loadAws().catch(() => null);
    const storedProfiles = await this.#deps.profiles.list();
    const names = storedProfiles.map((profile) => profile.name);
    const awsProfiles = await (await aws)?.listAwsProfiles(names).catch(() => []);
    return { awsProfiles: awsProfiles ?? [], storedProfiles };
  }

  async signIn(source: SignInSource, mfaCode?: string): Promise<Identity> {
    const { region, endpoint } = await this.#deps.place();
    const aws = await loadAws();
    const signedIn = await aws.signIn(
      { source, region, endpoint, ...(mfaCode ? { mfaCode } : {}) },
      this.#deps.profiles,
    );
    this.#end(signedIn.identity);
    this.#current = {
      signedIn,
      permissions: new aws.PermissionTracker(signedIn.identity, signedIn.clients),
    };
    return signedIn.identity;
  }

  signOut(): void {
    this.#end(null);
  }

  #end(next: Identity | null): void {
    const ending = this.#current;
    this.#current = null;
    if (!ending) return;
    ending.signedIn.clients.destroy();
    for (const listener of this.#signOutListeners) listener(ending.signedIn.identity, next);
  }

  /**
   * Told when a sign-in ends: signed out (`next` null), or replaced by another sign-in (the
   * same identity again, say with a rotated key, or someone else). Returns the unsubscribe.
   */
  onSignOut(listener: SignOutListener): () => void {
    this.#signOutListeners.add(listener);
    return () => this.#signOutListeners.delete(listener);
  }

  /** A new endpoint or region reaches the signed-in session at once, for every request. */
  follow(place: AwsPlace): void {
    this.#current?.signedIn.follow(place);
  }

  whoami(): Identity | null {
    return this.#current?.signedIn.identity ?? null;
  }

  /** Who the activity log names for what this session does. */
  actor(): string {
    return this.whoami()?.arn ?? 'this device';
  }

  /** The signed-in identity and its AWS clients, for work that sends its own requests (audit). */
  signedIn(): SignedIn {
    return this.#require().signedIn;
  }

  async permissions(): Promise<Permissions> {
    return this.#require().permissions.refresh();
  }

  /**
   * Runs an IAM action as the signed-in identity and remembers whether AWS allowed it. `target`
   * is the IAM user acted on, or '*' for the whole account.
   */
  async call<T>(
    action: KeywardAction,
    target: string,
    run: (signedIn: SignedIn, aws: AwsModule) => Promise<T>,
  ): Promise<T> {
    const session = this.#require();
    const targetUser = target === '*' ? 'keyward-any-other-user' : target;
    try {
      const result = await run(session.signedIn, await loadAws());
      session.permissions.observe(action, targetUser, 'allowed');
      return result;
    } catch (error) {
      if (isAccessDenied(error)) session.permissions.observe(action, targetUser, 'denied');
      throw error;
    }
  }

  #require(): { signedIn: SignedIn; permissions: PermissionTracker } {
    if (!this.#current) {
      throw new AppError(
        'not-signed-in',
        'You are not signed in to AWS yet.',
        'Sign in with your AWS profile or a stored key first.',
      );
    }
    return this.#current;
  }
}
