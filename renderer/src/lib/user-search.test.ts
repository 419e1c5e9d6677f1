import { describe, expect, it } from 'vitest';
import { createUserSearch, userSearchText } from './user-search';

const users = [
  { userName: 'alex.smith', path: '/engineering/' },
  { userName: 'Alexa.Chen', path: '/' },
  { userName: 'zoë.müller', path: '/finance/' },
  { userName: 'sam.garcia', path: '/contractors/' },
];

describe('filtering loaded users as a person types', () => {
  const search = createUserSearch(users, userSearchText);
  const names = (query: string) => search.filter(query).map((user) => user.userName);

  it('shows everyone for an empty query, and matches any part of a name in any case', () => {
    expect(names('  ')).toHaveLength(4);
    expect(names('ALEX')).toEqual(['alex.smith', 'Alexa.Chen']);
    expect(names('chen')).toEqual(['Alexa.Chen']);
  });

  it('ignores accents and matches the path too', () => {
    expect(names('zoe muller')).toEqual(['zoë.müller']);
    expect(names('contractors')).toEqual(['sam.garcia']);
  });

  it('needs every word to match, and gives the same answers typed forwards or backwards', () => {
    expect(names('alex engineering')).toEqual(['alex.smith']);
    const typed = ['a', 'al', 'ale', 'alex', 'alexa', 'alex', 'al', 's', 'sa'].map(names);
    const fresh = ['a', 'al', 'ale', 'alex', 'alexa', 'alex', 'al', 's', 'sa'].map((query) =>
      createUserSearch(users, userSearchText)
        .filter(query)
        .map((user) => user.userName),
    );
    expect(typed).toEqual(fresh);
  });
});
