import { createHandlers } from '../../electron/core/handlers';
import type { Handlers } from '../../electron/core/ipc/dispatch';
import { createDispatcher } from '../../electron/core/ipc/dispatch';
import type { KeywardFixture } from './keyward-fixture';

/** The window's handlers over a fixture's core, as main builds them. */
export function windowHandlers(f: Pick<KeywardFixture, 'core' | 'platform' | 'store'>): Handlers {
  return createHandlers({
    core: f.core,
    platform: f.platform,
    secretStore: f.store,
    appVersion: 'test',
    keywardCommand: () => Promise.resolve(['/usr/local/bin/keyward']),
  });
}

/** The window's door as the page meets it: the same dispatcher main uses, sender checks included. */
export function windowDispatch(
  f: Pick<KeywardFixture, 'core' | 'platform' | 'store'>,
  origin: string,
): ReturnType<typeof createDispatcher> {
  return createDispatcher(windowHandlers(f), origin);
}

/** A bridge call as the app's own page makes it (the top frame of the app's origin). */
export function windowCall(
  f: Pick<KeywardFixture, 'core' | 'platform' | 'store'>,
): (method: string, input: unknown) => ReturnType<ReturnType<typeof createDispatcher>> {
  const origin = 'app://keyward';
  const dispatch = windowDispatch(f, origin);
  return (method, input) =>
    dispatch(method, input, { url: `${origin}/index.html`, isMainFrame: true });
}
