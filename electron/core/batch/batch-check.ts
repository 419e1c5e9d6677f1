import type { BatchPerson, BatchRequest } from '../../common/batch';
import { maxBatchPeople } from '../../common/batch';
import { userNamePattern } from '../../common/key-shapes';
import { checkDescription } from '../aws/description-rules';
import { AppError } from '../errors';
import { parseReceivingCodes } from '../handoff/receiving-codes';

/**
 * One person's entry, checked before anything is created: a valid IAM user name, a receiving code
 * that is one (checksum included) and a description IAM accepts. Throws the AppError of the first
 * problem, in the words a person reads; `where` names the entry ("line 3", "alice").
 */
export function checkPerson(person: BatchPerson, where: string): BatchPerson {
  if (!userNamePattern.test(person.userName)) {
    throw new AppError(
      'invalid-input',
      `${where}: “${person.userName.slice(0, 64)}” is not an IAM user name.`,
      'User names are 1 to 64 letters, digits and + = , . @ _ - (no spaces). Correct it and try again.',
    );
  }
  try {
    if (person.lock.kind === 'code') {
      const [code] = parseReceivingCodes([person.lock.code]);
      if (code === undefined) throw new AppError('invalid-input', 'No receiving code.', '');
    }
    if (person.description !== null) checkDescription(person.description);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError('invalid-input', `${where}: ${error.message}`, error.hint, { cause: error });
  }
  return person;
}

/** The whole batch, checked before anything is created: no one twice, each person valid. */
export function checkBatch(request: BatchRequest): void {
  if (request.people.length === 0) {
    throw new AppError(
      'invalid-input',
      'The list of people is empty.',
      'Add the user names of the people who need a key.',
    );
  }
  if (request.people.length > maxBatchPeople) {
    throw new AppError(
      'invalid-input',
      `The list has ${String(request.people.length)} people; one batch takes at most ${String(maxBatchPeople)}.`,
      'Split the list into smaller batches.',
    );
  }
  const seen = new Set<string>();
  for (const person of request.people) {
    checkPerson(person, person.userName);
    if (seen.has(person.userName)) {
      throw new AppError(
        'invalid-input',
        `${person.userName} is in the list twice.`,
        'Each person gets one key per batch: remove the second entry.',
      );
    }
    seen.add(person.userName);
  }
}
