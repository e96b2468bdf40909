/**
 * Requests written in a language the grammar does not read yet. Chime reads English times;
 * a German "jeden Montag um 7:30 Uhr" must not become a one-off at the next 7:30 because the
 * digits happen to parse. Time words of other languages left over after the English grammar
 * ran turn the request into a rejection with a hint.
 */

/** Time words of other languages, by language. Words that are also English ("um", "todo", "elk", "ore", "midi") are left out. */
const LEXICON: Record<string, string[]> = {
  German: [
    'montag',
    'dienstag',
    'mittwoch',
    'donnerstag',
    'freitag',
    'samstag',
    'sonntag',
    'montags',
    'dienstags',
    'mittwochs',
    'donnerstags',
    'freitags',
    'samstags',
    'sonntags',
    'morgen',
    'übermorgen',
    'heute',
    'uhr',
    'jeden',
    'jede',
    'jeder',
    'täglich',
    'wöchentlich',
    'monatlich',
    'nächsten',
    'nächste',
    'woche',
    'wochen',
    'monat',
    'minuten',
    'stunden',
    'erinnere',
    'erinnern',
    'abends',
    'morgens',
    'mittags',
    'nachmittags',
    'halb',
    'viertel',
  ],
  French: [
    'lundi',
    'mardi',
    'mercredi',
    'jeudi',
    'vendredi',
    'samedi',
    'dimanche',
    'demain',
    "aujourd'hui",
    'heures',
    'heure',
    'chaque',
    'tous',
    'rappelle',
    'rappelle-moi',
    'semaine',
    'prochain',
    'prochaine',
    'soir',
    'matin',
    'minuit',
  ],
  Spanish: [
    'lunes',
    'martes',
    'miércoles',
    'miercoles',
    'jueves',
    'viernes',
    'sábado',
    'mañana',
    'cada',
    'recuérdame',
    'recuerdame',
    'semana',
    'próximo',
    'próxima',
    'noche',
    'minutos',
    'horas',
  ],
  Italian: [
    'lunedì',
    'lunedi',
    'martedì',
    'martedi',
    'mercoledì',
    'mercoledi',
    'giovedì',
    'giovedi',
    'venerdì',
    'venerdi',
    'domenica',
    'domani',
    'oggi',
    'ogni',
    'ricordami',
    'settimana',
    'prossimo',
    'prossima',
  ],
  Portuguese: [
    'segunda-feira',
    'terça-feira',
    'quarta-feira',
    'quinta-feira',
    'sexta-feira',
    'amanhã',
    'hoje',
    'lembre-me',
    'próxima',
    'todas',
  ],
  Dutch: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'vandaag', 'elke', 'uur', 'herinner', 'volgende'],
  Russian: [
    'завтра',
    'сегодня',
    'понедельник',
    'вторник',
    'среда',
    'среду',
    'четверг',
    'пятница',
    'пятницу',
    'суббота',
    'субботу',
    'воскресенье',
    'каждый',
    'каждую',
    'каждое',
    'утром',
    'вечером',
    'часов',
    'часа',
    'минут',
    'напомни',
  ],
};

const LANGUAGE_OF = new Map<string, string>(Object.entries(LEXICON).flatMap(([lang, words]) => words.map((w) => [w, lang] as const)));

/** Chinese, Japanese and Korean time words and "9時"-style hours. */
const CJK = /明日|今日|毎日|毎週|毎朝|曜日|明天|今天|每天|每周|每週|星期|下午|上午|내일|오늘|매일|요일|\d\s*(?:時|点|點|시)/u;

/** Words: letters of any script, with inner apostrophes and hyphens ("aujourd'hui", "rappelle-moi"). */
const WORD = /\p{L}+(?:['-]\p{L}+)*/gu;

/** Scripts other than Latin, named for the hint. */
const SCRIPTS: Array<[RegExp, string]> = [
  [/\p{Script=Cyrillic}/u, 'text in Cyrillic script'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/\p{Script=Arabic}/u, 'text in Arabic script'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Devanagari}/u, 'text in Devanagari script'],
  [/\p{Script=Thai}/u, 'Thai'],
  [/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u, 'Chinese, Japanese or Korean'],
];

/**
 * Prepositions other languages put before a clock time ("Termin um 14:30", "réunion à 10h30",
 * "reunión a las 15:00", "встреча в 15:00"). None is an English word before a time.
 */
const CLOCK_PREPOSITIONS: Record<string, string> = {
  um: 'German',
  à: 'French',
  'a las': 'Spanish',
  'a la': 'Spanish',
  alle: 'Italian',
  às: 'Portuguese',
  om: 'Dutch',
  в: 'Russian',
  во: 'Russian',
  klo: 'Finnish',
  kl: 'Danish or Norwegian',
};
const CLOCK_PREPOSITION_RE = /(?<![\p{L}])(um|à|a las|a la|alle|às|om|в|во|klo|kl)\.?\s+(?=\d)/gu;

function foreign(language: string, found: string[]): { error: string; example: string } {
  const words =
    found.length > 0
      ? ` (${found
          .slice(0, 3)
          .map((w) => `"${w}"`)
          .join(', ')})`
      : '';
  return {
    error: `That looks like ${language}${words}. I only read times written in English so far, so I did not schedule anything.`,
    example: 'every monday at 7:30am sport',
  };
}

/** A rejection when `text` (what the English grammar left over) holds time words of another language. */
export function foreignTimeWords(text: string): { error: string; example: string } | undefined {
  const found: string[] = [];
  let language: string | undefined;
  const words = [...text.toLowerCase().matchAll(WORD)].map((m) => m[0]);
  for (const word of words) {
    const lang = LANGUAGE_OF.get(word);
    if (!lang) continue;
    language ??= lang;
    if (!found.includes(word)) found.push(word);
  }
  if (!language && CJK.test(text)) language = 'Chinese, Japanese or Korean';
  // every word in another script ("встреча в 15:00"): the digits alone are no request we read
  if (!language && words.length > 0 && words.every((w) => !/\p{Script=Latin}/u.test(w))) {
    language = SCRIPTS.find(([re]) => re.test(text))?.[1] ?? 'another language';
  }
  return language ? foreign(language, found) : undefined;
}

/** A rejection when a clock time we read is introduced by another language's preposition ("um 14:30"). */
export function foreignClockPreposition(text: string, claimed: boolean[]): { error: string; example: string } | undefined {
  for (const m of text.matchAll(CLOCK_PREPOSITION_RE)) {
    const word = m[1]!;
    const digit = m.index + m[0].length;
    if (claimed[m.index] || !claimed[digit]) continue;
    return foreign(CLOCK_PREPOSITIONS[word]!, [word]);
  }
  return undefined;
}
