import { generateSeed } from '../e2e/sandbox';
import type { SandboxSeed } from '../e2e/sandbox';

/** The sandbox's generator stops at IAM's 5,000-user quota; the benchmark asks for 10,000. */
const perPart = 5000;

/**
 * A deterministic account of `users` users (1–2 keys each, realistic dates), made of several
 * generated accounts with different PRNG seeds. Only the first part keeps its admin; names that
 * repeat across parts get a numeric suffix, as the generator does within one part.
 */
export function benchSeed(users: number): SandboxSeed {
  const now = new Date();
  const seed = generateSeed({ users: Math.min(users, perPart), now });
  const names = new Set(seed.users.map((user) => user.userName.toLowerCase()));
  const keyIds = new Set(
    seed.users.flatMap((user) => user.accessKeys ?? []).map((k) => k.accessKeyId),
  );
  for (let part = 1; seed.users.length < users; part++) {
    const more = generateSeed({
      users: Math.min(users - seed.users.length + 1, perPart),
      seed: part + 1,
      now,
    });
    for (const user of more.users.slice(1)) {
      if ((user.accessKeys ?? []).some((key) => keyIds.has(key.accessKeyId))) continue;
      let userName = user.userName;
      for (let n = 2; names.has(userName.toLowerCase()); n++)
        userName = `${user.userName}-${String(n)}`;
      names.add(userName.toLowerCase());
      for (const key of user.accessKeys ?? []) keyIds.add(key.accessKeyId);
      // Generated users may be admins; in the extra parts they are plain self-service staff.
      seed.users.push({
        ...user,
        userName,
        permission: user.permission === 'admin' ? 'self' : user.permission,
      });
      if (seed.users.length >= users) break;
    }
  }
  return seed;
}
