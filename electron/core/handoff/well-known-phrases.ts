/**
 * Phrases people pick because they are easy to remember, and attackers try first for the same
 * reason: pangrams, famous lines, proverbs, song and film lines, and the passphrase from xkcd's
 * "correct horse battery staple" strip. zxcvbn knows common words and passwords but not phrases, so
 * it scores "the quick brown fox jumps over the lazy dog" as very strong; given these as a
 * dictionary, it finds them in the passphrase read without spaces and punctuation.
 *
 * Each entry is written as people say it; `wellKnownPhrases()` reduces it to lower-case letters
 * and digits, as the passphrase is read. Shorter forms that people use on their own are listed too,
 * since a dictionary entry only matches whole.
 */
const phrases = [
  // Pangrams and typing exercises
  'the quick brown fox jumps over the lazy dog',
  'the quick brown fox jumped over the lazy dog',
  'the quick brown fox',
  'pack my box with five dozen liquor jugs',
  'how vexingly quick daft zebras jump',
  'sphinx of black quartz judge my vow',
  'lorem ipsum dolor sit amet',
  'now is the time for all good men to come to the aid of their country',
  'now is the time for all good men',
  'hello world',
  // Passphrases made famous as examples
  'correct horse battery staple',
  'Tr0ub4dor&3',
  'open sesame',
  'speak friend and enter',
  // Literature, speeches and scripture
  'to be or not to be that is the question',
  'to be or not to be',
  'all the world is a stage',
  'all that glitters is not gold',
  'a rose by any other name would smell as sweet',
  'wherefore art thou romeo',
  'now is the winter of our discontent',
  'friends romans countrymen lend me your ears',
  'it was the best of times it was the worst of times',
  'it was the best of times',
  'it was a dark and stormy night',
  'call me ishmael',
  'in a hole in the ground there lived a hobbit',
  'one ring to rule them all',
  'not all those who wander are lost',
  'it is a truth universally acknowledged',
  'all happy families are alike',
  'whose woods these are i think i know',
  'the road not taken',
  'four score and seven years ago',
  'i have a dream',
  'ask not what your country can do for you',
  'we hold these truths to be self evident',
  'give me liberty or give me death',
  'one small step for man one giant leap for mankind',
  'in the beginning god created the heaven and the earth',
  'in the beginning was the word',
  'the lord is my shepherd i shall not want',
  'the lord is my shepherd',
  'our father who art in heaven',
  'i think therefore i am',
  'veni vidi vici',
  'carpe diem',
  // Proverbs and sayings
  'an apple a day keeps the doctor away',
  'better late than never',
  'practice makes perfect',
  'knowledge is power',
  'time is money',
  'the early bird catches the worm',
  'actions speak louder than words',
  'where there is a will there is a way',
  'the pen is mightier than the sword',
  'a penny saved is a penny earned',
  'rome was not built in a day',
  'when in rome do as the romans do',
  'curiosity killed the cat',
  'life is like a box of chocolates',
  'there is no place like home',
  'keep calm and carry on',
  'live laugh love',
  'you only live once',
  'hakuna matata',
  'let it be',
  'let it go',
  'trust no one',
  'the truth is out there',
  'winter is coming',
  'may the force be with you',
  'i am your father',
  'to infinity and beyond',
  'houston we have a problem',
  'elementary my dear watson',
  'the cake is a lie',
  'all your base are belong to us',
  'never gonna give you up',
  'never gonna give you up never gonna let you down',
  'twinkle twinkle little star',
  'mary had a little lamb',
  'humpty dumpty sat on a wall',
  'jack and jill went up the hill',
  'row row row your boat',
  'happy birthday to you',
  'somewhere over the rainbow',
  'we are the champions',
  'stairway to heaven',
  'imagine all the people',
  'all you need is love',
  'hey jude',
  'yesterday all my troubles seemed so far away',
  'is this the real life is this just fantasy',
  'i will always love you',
  'god save the queen',
  'god save the king',
  'one two three four five six seven eight nine ten',
];

let reduced: string[] | undefined;

/** The phrases as the passphrase is read against them: lower-case letters and digits only. */
export function wellKnownPhrases(): string[] {
  reduced ??= [...new Set(phrases.map(lettersAndDigits))];
  return reduced;
}

export function lettersAndDigits(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
