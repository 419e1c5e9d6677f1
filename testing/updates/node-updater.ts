import http from 'node:http';
import https from 'node:https';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';
import type { RequestOptions } from 'node:http';
import { DebUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import type { Updater } from '../../electron/core/updates/update-service';

/** electron-updater's HTTP through Node's own modules, where Electron's `net` is not. */
class NodeHttpExecutor extends HttpExecutor<http.ClientRequest> {
  createRequest(
    options: RequestOptions,
    callback: (response: unknown) => void,
  ): http.ClientRequest {
    const transport = options.protocol === 'https:' ? https : http;
    return transport.request(options, callback);
  }

  /** As electron-updater's own executor downloads: the base class checks the sha512 on the way. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => {
            if (error) reject(error);
            else resolve(destination);
          },
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/**
 * A real electron-updater updater (the one for .deb installs) running under plain Node: an
 * installed Keyward of `version` whose app-update.yml points at `feedUrl`, with its download cache
 * in `folder`. Everything up to installing is electron-updater's own code.
 */
export async function nodeUpdater(options: {
  version: string;
  feedUrl: string;
  folder: string;
}): Promise<Updater> {
  const configPath = path.join(options.folder, 'app-update.yml');
  await mkdir(options.folder, { recursive: true });
  await writeFile(
    configPath,
    `provider: generic\nurl: ${options.feedUrl}\nupdaterCacheDirName: keyward-updater\n`,
  );
  const app: AppAdapter = {
    version: options.version,
    name: 'Keyward',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: path.join(options.folder, 'user-data'),
    baseCachePath: path.join(options.folder, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new DebUpdater(null, app);
  // Set before the feed is read: the provider takes the executor it finds then.
  (updater as unknown as { httpExecutor: HttpExecutor<http.ClientRequest> }).httpExecutor =
    new NodeHttpExecutor();
  return updater;
}
