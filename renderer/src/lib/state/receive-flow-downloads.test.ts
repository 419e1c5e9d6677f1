import { describe, expect, it } from 'vitest';
import type { ConsoleCsvOffer } from '../../../../electron/common/console-csv';
import type { Settings } from '../../../../electron/common/domain';
import { fakeApi, ok } from '../../../../testing/renderer/fake-api';
import { settings } from '../../../../testing/renderer/fixtures';
import { DownloadsOffer } from './receive-flow-downloads.svelte';

const found: ConsoleCsvOffer = {
  id: 'a'.repeat(32),
  fileName: 'alice_accessKeys.csv',
  folder: '/home/alice/Downloads',
};

describe('the offer to import the console’s key downloads found in Downloads', () => {
  it('shows what main found, until the person says not now', async () => {
    const { api } = fakeApi({ consoleCsv: { offers: () => Promise.resolve(ok([found])) } });
    const offer = new DownloadsOffer(api);
    await offer.look();
    expect(offer.shown).toBe(true);
    expect(offer.offers[0]?.fileName).toBe('alice_accessKeys.csv');
    offer.dismiss();
    expect(offer.shown).toBe(false);
  });

  it('drops a file once it is taken to Receive', async () => {
    const { api } = fakeApi({ consoleCsv: { offers: () => Promise.resolve(ok([found])) } });
    const offer = new DownloadsOffer(api);
    await offer.look();
    offer.taken(found.id);
    expect(offer.shown).toBe(false);
  });

  it('reads and saves the setting that turns the looking off, and hides what was found', async () => {
    let saved: Settings = { ...settings };
    const { api, calls } = fakeApi({
      consoleCsv: { offers: () => Promise.resolve(ok([found])) },
      settings: {
        get: () => Promise.resolve(ok(saved)),
        update: (change) => {
          saved = { ...saved, ...change };
          return Promise.resolve(ok(saved));
        },
      },
    });
    const offer = new DownloadsOffer(api);
    await offer.loadSetting();
    expect(offer.enabled).toBe(true);
    await offer.look();
    await offer.setEnabled(false);
    expect(calls.at(-1)).toEqual({ method: 'settings.update', input: { scanDownloads: false } });
    expect(offer.enabled).toBe(false);
    expect(offer.shown).toBe(false);
  });
});
