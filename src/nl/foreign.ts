/**
 * Requests written in a language the grammar does not read yet. Chime reads English times;
 * a German "jeden Montag um 7:30 Uhr" must not become a one-off at the next 7:30 because the
 * digits happen to parse. Time words of other languages left over after the English grammar
 * ran turn the request into a rejection with a hint.
 */

/** Time words of other languages, by language. Words that are also English ("um", "todo", "elk", "ore", "midi") are left out. */
const LEXICON: Record<string, string[]> = {
  German: [
    'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'montags', 'dienstags', 'mittwochs',
    'donnerstags', 'freitags', 'samstags', 'sonntags', 'morgen', 'übermorgen', 'heute', 'uhr', 'jeden', 'jede', 'jeder',
    'täglich', 'wöchentlich', 'monatlich', 'nächsten', 'nächste', 'woche', 'wochen', 'monat', 'minuten', 'stunden',
    'erinnere', 'erinnern', 'abends', 'morgens', 'mittags', 'nachmittags', 'halb', 'viertel',
  ],
  French: [
    'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'demain', "aujourd'hui", 'heures', 'heure',
    'chaque', 'tous', 'rappelle', 'rappelle-moi', 'semaine', 'prochain', 'prochaine', 'soir', 'matin', 'minuit',
  ],
  Spanish: [
    'lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'mañana', 'cada', 'recuérdame',
    'recuerdame', 'semana', 'próximo', 'próxima', 'noche', 'minutos', 'horas',
  ],
  Italian: [
    'lunedì', 'lunedi', 'martedì', 'martedi', 'mercoledì', 'mercoledi', 'giovedì', 'giovedi', 'venerdì', 'venerdi',
    'domenica', 'domani', 'oggi', 'ogni', 'ricordami', 'settimana', 'prossimo', 'prossima',
  ],
  Portuguese: ['segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'amanhã', 'hoje', 'lembre-me', 'próxima', 'todas'],
  Dutch: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'vandaag', 'elke', 'uur', 'herinner', 'volgende'],
  Russian: [
    'завтра', 'сегодня', 'понедельник', 'вторник', 'среда', 'среду', 'четверг', 'пятница', 'пятницу', 'суббота', 'субботу',
    'воскресенье', 'каждый', 'каждую', 'каждое', 'утром', 'вечером', 'часов', 'часа', 'минут', 'напомни',
  ],
};

const LANGUAGE_OF = new Map<string, string>(Object.entries(LEXICON).flatMap(([lang, words]) => words.map((w) => [w, lang] as const)));

/** Chinese, Japanese and Korean time words and "9時"-style hours. */
const CJK = /明日|今日|毎日|毎週|毎朝|曜日|明天|今天|每天|每周|每週|星期|下午|上午|내일|오늘|매일|요일|\d\s*(?:時|点|點|시)/u;

/** Words: letters of any script, with inner apostrophes and hyphens ("aujourd'hui", "rappelle-moi"). */
const WORD = /\p{L}+(?:['-]\p{L}+)*/gu;

/** A rejection when `text` (what the English grammar left over) holds time words of another language. */
export function foreignTimeWords(text: string): { error: string; example: string } | undefined {
  const found: string[] = [];
  let language: string | undefined;
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const lang = LANGUAGE_OF.get(m[0]);
    if (!lang) continue;
    language ??= lang;
    if (!found.includes(m[0])) found.push(m[0]);
  }
  if (!language && CJK.test(text)) language = 'Chinese, Japanese or Korean';
  if (!language) return undefined;
  const words = found.length > 0 ? ` (${found.slice(0, 3).map((w) => `"${w}"`).join(', ')})` : '';
  return {
    error: `That looks like ${language}${words}. I only read times written in English so far, so I did not schedule anything.`,
    example: 'every monday at 7:30am sport',
  };
}
