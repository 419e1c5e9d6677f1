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

/**
 * `next`: the sign-in after it (the same account signed in again, or the account now current),
 * null when none. `wasCurrent`: whether the ending sign-in was the current account's.
 */
export type SignOutListener = (
  ending: Identity,
  next: Identity | null,
  wasCurrent: boolean,
) => void;

export interface AwsSessionDeps {
  profiles: ProfileStore;
  /** Where requests go (region, endpoint), read at each sign-in. */
  place: () => Promise<AwsPlace>;
}

/** One signed-in identity and what AWS has allowed or refused it so far. */
interface SignInEntry {
  signedIn: SignedIn;
  permissions: PermissionTracker;
}

/**
 * The sign-ins to AWS, one per account (an admin may look after several), one of them current;
 * and the one door every signed-in IAM call goes through, as the current one, so what AWS
 * allows or refuses is learned once for the permission overview. What belongs to a sign-in (an
 * audit's result, say) is dropped through `onSignOut` when it ends, and through `onSwitch` when
 * another account becomes current.
 */
export class AwsSession {
  readonly #deps: AwsSessionDeps;
  /** By account id, most recently made current last. */
  readonly #signIns = new Map<string, SignInEntry>();
  #current: SignInEntry | null = null;
  readonly #signOutListeners = new Set<SignOutListener>();
  readonly #switchListeners = new Set<(now: Identity) => void>();

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

  /**
   * Signs in and makes that account current. A sign-in to an account already signed in to
   * replaces that one (the same identity again, with a rotated key say, or someone else); the
   * other accounts stay signed in.
   */
  async signIn(source: SignInSource, mfaCode?: string): Promise<Identity> {
    const { region, endpoint } = await this.#deps.place();
    const aws = await loadAws();
    const signedIn = await aws.signIn(
      { source, region, endpoint, ...(mfaCode ? { mfaCode } : {}) },
      this.#deps.profiles,
    );
    const { identity } = signedIn;
    const replaced = this.#signIns.get(identity.accountId);
    const before = this.#current;
    if (replaced) this.#end(replaced, identity, replaced === before);
    const entry = { signedIn, permissions: new aws.PermissionTracker(identity, signedIn.clients) };
    this.#signIns.set(identity.accountId, entry);
    this.#current = entry;
    if (before && before !== replaced) this.#switched();
    return identity;
  }

  /**
   * Signs in again to an account already signed in to (its key was replaced, say), leaving
   * whichever account is current as it is. Refused, with nothing changed, when `source` leads to
   * an account not signed in to.
   */
  async signInAgain(source: SignInSource): Promise<Identity> {
    const { region, endpoint } = await this.#deps.place();
    const aws = await loadAws();
    const signedIn = await aws.signIn({ source, region, endpoint }, this.#deps.profiles);
    const { identity } = signedIn;
    const replaced = this.#signIns.get(identity.accountId);
    if (!replaced) {
      signedIn.clients.destroy();
      throw new AppError(
        'not-signed-in',
        `You are not signed in to AWS account ${identity.accountId}.`,
        'Sign in to it first: AWS sign-in, then "Sign in to another account".',
      );
    }
    const entry = { signedIn, permissions: new aws.PermissionTracker(identity, signedIn.clients) };
    // Set over the old entry, so the account keeps its place in the order of use.
    this.#signIns.set(identity.accountId, entry);
    const wasCurrent = this.#current === replaced;
    if (wasCurrent) this.#current = entry;
    this.#end(replaced, identity, wasCurrent);
    return identity;
  }

  /** Signs out of one account; when it is the current one, exactly as `signOut`. */
  signOutOf(accountId: string): void {
    const entry = this.#signIns.get(accountId);
    if (!entry) return;
    if (entry === this.#current) this.signOut();
    else this.#end(entry, null, false);
  }

  /** Signs out of the current account; another signed-in account, if any, becomes current. */
  signOut(): void {
    const ending = this.#current;
    if (!ending) return;
    const next = [...this.#signIns.values()].filter((entry) => entry !== ending).at(-1) ?? null;
    this.#current = next;
    this.#end(ending, next?.signedIn.identity ?? null, true);
  }

  /** Signs out of every account (quitting, say). */
  signOutAll(): void {
    while (this.#current) this.signOut();
  }

  /** The accounts signed in to, the current one first. */
  accounts(): Identity[] {
    const all = [...this.#signIns.values()].reverse().map((entry) => entry.signedIn.identity);
    return all.sort((a, b) => Number(b === this.whoami()) - Number(a === this.whoami()));
  }

  /** Makes another signed-in account current, without signing out of any. */
  switchTo(accountId: string): Identity {
    const entry = this.#signIns.get(accountId);
    if (!entry) {
      throw new AppError(
        'not-signed-in',
        `You are not signed in to AWS account ${accountId}.`,
        'Sign in to it first: AWS sign-in, then "Sign in to another account".',
      );
    }
    if (entry !== this.#current) {
      // Most recently used last: signing out of the current account comes back to this one.
      this.#signIns.delete(accountId);
      this.#signIns.set(accountId, entry);
      this.#current = entry;
      this.#switched();
    }
    return entry.signedIn.identity;
  }

  /** Told when another signed-in account becomes current. Returns the unsubscribe. */
  onSwitch(listener: (now: Identity) => void): () => void {
    this.#switchListeners.add(listener);
    return () => this.#switchListeners.delete(listener);
  }

  #switched(): void {
    const now = this.#current?.signedIn.identity;
    if (now) for (const listener of this.#switchListeners) listener(now);
  }

  #end(ending: SignInEntry, next: Identity | null, wasCurrent: boolean): void {
    const { accountId } = ending.signedIn.identity;
    // Signed in again, its replacement already holds the account's place.
    if (this.#signIns.get(accountId) === ending) this.#signIns.delete(accountId);
    if (this.#current === ending) this.#current = null;
    ending.signedIn.clients.destroy();
    for (const listener of this.#signOutListeners) {
      listener(ending.signedIn.identity, next, wasCurrent);
    }
  }

  /**
   * Told when a sign-in ends: signed out (`next` null), or replaced by another sign-in (the
   * same identity again, say with a rotated key, or someone else). Returns the unsubscribe.
   */
  onSignOut(listener: SignOutListener): () => void {
    this.#signOutListeners.add(listener);
    return () => this.#signOutListeners.delete(listener);
  }

  /** A new endpoint or region reaches every signed-in session at once, for every request. */
  follow(place: AwsPlace): void {
    for (const entry of this.#signIns.values()) entry.signedIn.follow(place);
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

  /** Every signed-in account's identity and clients, the current one first (an audit of all). */
  allSignedIn(): SignedIn[] {
    const current = this.#current;
    return [...this.#signIns.values()]
      .sort((a, b) => Number(b === current) - Number(a === current))
      .map((entry) => entry.signedIn);
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
