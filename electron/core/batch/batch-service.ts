import type { BatchProgress, BatchRequest, BatchResult } from '../../common/batch';
import { AppError } from '../errors';
import { checkBatch } from './batch-check';
import type { BatchHost, BatchOptions } from './run-batch';
import { runBatch } from './run-batch';

/**
 * One batch at a time, for the window and the command line alike: the whole list is checked
 * before anything is created, and the window polls its progress while it runs.
 */
export class BatchService {
  readonly #host: BatchHost;
  #progress: BatchProgress | null = null;
  #lastFile: string | null = null;

  constructor(host: BatchHost) {
    this.#host = host;
  }

  async run(
    request: BatchRequest,
    options: Pick<BatchOptions, 'onProgress' | 'concurrency'> = {},
  ): Promise<BatchResult> {
    if (this.#progress) {
      throw new AppError(
        'conflict',
        'Keys are already being created for a list of people.',
        'Wait for that batch to finish, then start this one.',
      );
    }
    checkBatch(request);
    this.#progress = { finished: 0, total: request.people.length };
    try {
      const result = await runBatch(this.#host, request, {
        ...options,
        onProgress: (progress) => {
          this.#progress = progress;
          options.onProgress?.(progress);
        },
      });
      const written = result.people.find((person) => person.status === 'done');
      this.#lastFile = written?.status === 'done' ? written.file : null;
      return result;
    } finally {
      this.#progress = null;
    }
  }

  /** A key file the last batch wrote, for "Show in folder"; null when it wrote none. */
  lastFile(): string | null {
    return this.#lastFile;
  }

  /** Null when no batch is running. */
  progress(): BatchProgress | null {
    return this.#progress;
  }
}
