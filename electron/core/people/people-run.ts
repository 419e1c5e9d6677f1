// Loaded on first use (it loads the AWS SDK): reads one People table into its PeopleRows.
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { UserPage } from '../../common/domain';
import type { PersonCells, PersonRow } from '../../common/people';
import { deniedActionOf, isAccessDenied, translateAwsError } from '../aws/aws-errors';
import { createPacedIamClient } from '../aws/aws-clients';
import type { SignedIn } from '../aws/session';
import { toBridgeError } from '../errors';
import { log } from '../log';
import type { FlagRules } from '../audit/audit-flags';
import {
  CredentialReportFormatError,
  indexCredentialReport,
  type CredentialReportIndex,
} from '../audit/credential-report';
import type { Pacing } from '../audit/paced-request';
import { AdaptiveRateLimiter } from '../audit/rate-limiter';
import { fetchCredentialReport } from '../audit/report-fetch';
import { readUser } from '../audit/user-crawl';
import type { PeopleRows } from './people-rows';
import { personCells } from './person-cells';

export interface PeopleRunDeps {
  signedIn(): SignedIn;
  /** One page of ListUsers, as KeyAdmin.listUsers reads it for every door. */
  listUsers(options: {
    cursor: string | null;
    filter: string;
    pageSize: number;
  }): Promise<UserPage>;
}

export interface PeopleRunOptions {
  /** 'auto': the credential report when allowed, else person by person. */
  source: 'auto' | 'per-user';
  rules: FlagRules;
  signal: AbortSignal;
  /** People read at once when reading person by person. */
  concurrency?: number;
}

/** The first page is small so it comes back at once; the rest come in IAM's largest pages. */
export const firstPageSize = 100;
/** How long the report may take before the first screenful is read person by person. */
const reportPatienceMs = 1_000;
/** About what a window shows of the table at once. */
const firstScreenRows = 20;
const laterPageSize = 1000;

/**
 * Lists everyone (the first page resolves `firstPage`) while the columns are filled: from one
 * credential report when the admin may read it, else person by person at the pace AWS allows
 * (ListAccessKeys and GetAccessKeyLastUsed, the audit's paced requests). People missing from the
 * report (added since IAM made it) are read one by one too. Never rejects: what could not be
 * read is said in the listing's state or in each row's cells.
 */
export function startPeopleRun(
  deps: PeopleRunDeps,
  rows: PeopleRows,
  options: PeopleRunOptions,
): { firstPage: Promise<void>; done: Promise<void> } {
  const { signal, rules } = options;
  const { clients } = deps.signedIn();
  const limiter = new AdaptiveRateLimiter({ initialRate: 20 });
  rows.slowedDownBy(() => limiter.slowedDown);
  const pacing: Pacing = { limiter, signal, countRequests: () => undefined };
  // Read through a call: a check before an `await` would otherwise stay narrowed after it.
  const aborted = (): boolean => signal.aborted;
  // Workers wait on it while the list is still coming and nothing is queued.
  setMaxListeners(100, signal);

  // The report and the first page are asked for together; the later pages wait for the report,
  // so parsing a thousand names at a time does not hold up the first page's columns.
  let reportSettled: () => void = () => undefined;
  const reportRead = new Promise<void>((resolve) => {
    reportSettled = resolve;
  });
  const listing = listEveryone(deps, rows, signal, reportRead);
  const filling = fill();
  return {
    firstPage: listing.firstPage,
    done: Promise.all([listing.done, filling]).then(() => undefined),
  };

  async function fill(): Promise<void> {
    const reading = options.source === 'auto' ? readReport() : Promise.resolve(null);
    const reportIn = new AbortController();
    const early =
      options.source === 'auto'
        ? firstScreenMeanwhile(AbortSignal.any([signal, reportIn.signal]))
        : undefined;
    const report = await reading;
    reportIn.abort();
    reportSettled();
    // A person being read on their own when the report came is finished, not read twice.
    await early;
    if (signal.aborted) return;
    const queue: PersonRow[] = [];
    // Workers with nothing to do wait here until a page is added or the list ends.
    const waiting: (() => void)[] = [];
    const wakeAll = () => {
      for (const wake of waiting.splice(0)) wake();
    };
    const take = (added: readonly PersonRow[]) => {
      for (const row of added) {
        const user = report?.get(row.userName.toLowerCase());
        if (user) rows.setCells(row.userName, personCells(user, rules));
        else queue.push(row);
      }
      wakeAll();
    };
    rows.onAdded(take);
    take(rows.loading());
    void listing.done.then(wakeAll);
    signal.addEventListener('abort', wakeAll, { once: true });
    const iam = createPacedIamClient(clients.connection);
    const worker = async () => {
      while (!signal.aborted) {
        const row = queue.shift();
        if (row) {
          rows.setCells(row.userName, await readPerson(iam, row));
          continue;
        }
        if (rows.listing.state !== 'reading') return;
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    };
    try {
      await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    } finally {
      iam.destroy();
    }
    if (!aborted()) rows.fill({ state: 'done' });
  }

  /**
   * IAM takes seconds to make a report, minutes on a large account: when it is not there soon,
   * the first screenful is read person by person meanwhile, so what the admin looks at fills;
   * the rest waits for the report. A person who cannot be read this way is left for the report.
   */
  async function firstScreenMeanwhile(until: AbortSignal): Promise<void> {
    // Read through a call: a check before an `await` would otherwise stay narrowed after it.
    const over = (): boolean => until.aborted;
    try {
      await listing.firstPage;
      await sleep(reportPatienceMs, undefined, { signal: until });
    } catch {
      return;
    }
    const screenful = rows.loading().slice(0, firstScreenRows);
    const iam = createPacedIamClient(clients.connection);
    const worker = async () => {
      for (let row = screenful.shift(); row && !over(); row = screenful.shift()) {
        const cells = await readPerson(iam, row);
        if (cells.state === 'read' && !aborted()) rows.setCells(row.userName, cells);
      }
    };
    try {
      await Promise.all(Array.from({ length: 4 }, worker));
    } finally {
      iam.destroy();
    }
  }

  /** Everyone's columns from one report, or null when the report is refused (or unreadable). */
  async function readReport(): Promise<CredentialReportIndex | null> {
    try {
      const fetched = await fetchCredentialReport(clients.iam, pacing, () => undefined, {
        readExistingAtOnce: true,
      });
      // Indexed, not parsed: each person is worked out as their row is filled, the first page
      // first, so its columns do not wait for the other 9,900 people of a large account.
      const report = indexCredentialReport(fetched.csv, rules.now);
      rows.fill({ source: 'credential-report', reportGeneratedAt: fetched.generatedAt });
      return report;
    } catch (error) {
      if (signal.aborted) return null;
      // Refused, unreadable or failed: person by person still fills the table, and says why
      // in each row a person cannot be read.
      log(
        'people',
        isAccessDenied(error) || error instanceof CredentialReportFormatError
          ? 'credential report refused or unreadable; reading person by person'
          : 'credential report failed; reading person by person',
      );
      rows.fill({ source: 'per-user' });
      return null;
    }
  }

  async function readPerson(
    iam: ReturnType<typeof createPacedIamClient>,
    row: PersonRow,
  ): Promise<PersonCells> {
    try {
      const user = await readUser(iam, pacing, { UserName: row.userName }, rules.now);
      return personCells(user, rules);
    } catch (error) {
      if (signal.aborted) return { state: 'loading' };
      return { state: 'unreadable', why: whyUnreadable(error, row.userName) };
    }
  }
}

/** Lists every page into `rows`; a failure after the first page is kept in the listing's state. */
function listEveryone(
  deps: PeopleRunDeps,
  rows: PeopleRows,
  signal: AbortSignal,
  beforeLaterPages: Promise<void>,
): { firstPage: Promise<void>; done: Promise<void> } {
  let firstPageDone: () => void = () => undefined;
  let firstPageFailed: (error: unknown) => void = () => undefined;
  const firstPage = new Promise<void>((resolve, reject) => {
    firstPageDone = resolve;
    firstPageFailed = reject;
  });
  const done = (async () => {
    let cursor: string | null = null;
    let first = true;
    try {
      do {
        const page: UserPage = await deps.listUsers({
          cursor,
          filter: '',
          pageSize: first ? firstPageSize : laterPageSize,
        });
        if (signal.aborted) {
          // Stopped (signed out, another account) while the first page was on its way: `open`
          // still answers, or the window's call would wait for ever.
          firstPageDone();
          return;
        }
        rows.add(page.users);
        if (first) {
          firstPageDone();
          await beforeLaterPages;
        }
        first = false;
        cursor = page.cursor;
      } while (cursor !== null);
      rows.listing = { state: 'done', listed: rows.listing.listed };
    } catch (error) {
      if (first) firstPageFailed(error);
      rows.listing = {
        state: 'failed',
        listed: rows.listing.listed,
        error: toBridgeError(
          translateAwsError(error, { doing: 'list the people (IAM users) in this AWS account' }),
        ),
      };
    }
  })();
  return { firstPage, done };
}

function whyUnreadable(error: unknown, userName: string): string {
  if (isAccessDenied(error)) {
    const action = deniedActionOf(error) ?? 'iam:ListAccessKeys';
    return (
      `AWS did not allow Keyward to read ${userName}’s keys (${action}). ` +
      'Ask your AWS administrator for iam:ListAccessKeys and iam:GetAccessKeyLastUsed.'
    );
  }
  const explained = translateAwsError(error, { doing: `read ${userName}’s keys` });
  return `${explained.message} ${explained.hint}`;
}
