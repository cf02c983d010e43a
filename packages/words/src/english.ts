// English words in chat: lower case, elongation undone (soooo → so), laughter normalised (hahaha → haha),
// stopwords dropped, a plural or third-person -s removed (cats → cat, boxes → box) with rules that leave
// this / bus / news alone. No stemming beyond that: going and went stay as typed, on purpose (a stemmer
// would turn "dying" into "die" but also "news" into "new").

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** A standard English stopword list (NLTK's), without the intensifiers and chat words that count in this
 * product the way 진짜 / 너무 / 그냥 do in Korean (so, very, just, again, now), plus chat contractions. */
export const EN_STOPWORDS = words(`
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
it its itself they them their theirs themselves what which who whom whose this that these those am is are was were
be been being have has had having do does did doing a an the and but if or because as until while of at by for
with about against between into through during before after above below to from up down in out on off over under
further then once here there when where why how all any both each few more most other some such no nor not only
own same than too can will don should d ll m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn
mustn needn shan shouldn wasn weren won wouldn would could might must shall also yet us
i'm i've i'll i'd you're you've you'll you'd he's she's it's that's what's there's here's who's we're we've we'll
they're they've they'll don't doesn't didn't can't cannot won't isn't aren't wasn't weren't haven't hasn't
hadn't couldn't wouldn't shouldn't mustn't
im ive youre youve dont doesnt didnt cant wont isnt arent wasnt werent havent hasnt couldnt wouldnt shouldnt
thats whats theres u ur r
`);

/** Words ending in s that are not plurals. */
const KEEP_S = words(`
this his is was has does yes us bus gas plus news thanks always perhaps series species lens kudos congrats thx
plz christmas whereas sometimes besides pants jeans shorts clothes goods ps mrs ms bts as its whats lots
`);

const IRREGULAR = new Map([
  ['buses', 'bus'],
  ['children', 'child'],
  ['men', 'man'],
  ['women', 'woman'],
  ['feet', 'foot'],
  ['teeth', 'tooth'],
  ['mice', 'mouse'],
  ['knives', 'knife'],
  ['wives', 'wife'],
  ['geese', 'goose'],
]);

/** Nouns in -ie whose plural is -ies (cookies → cookie, not cooky). */
const IE_NOUNS = words(
  'cookie movie zombie selfie brownie hoodie rookie smoothie pie tie lie die calorie',
);
/** Nouns in -o whose plural is -oes. */
const O_ES = words('tomato potato hero echo veto go');

/** Words with a doubled letter, so an elongated spelling collapses to them (cooool → cool, not col). */
const DOUBLE = words(`
good cool soon too see sweet feel sleep week weekend need seem food mood moon book look cook took room boo zoo tree
free three coffee tomorrow sorry really all well tell hell call still will kill till fall ball doll hello yellow
pretty happy apple little better letter butter kitty puppy funny silly jelly belly bunny sunny yummy mommy daddy
kiss miss less mess boss class glass grass dress guess bless cross stuff off staff hmm aww ahh ohh beer deer meet
feet sheet street keep deep sheep teeth queen green between agree goose loose choose wood hood pool school fool
tool noon spoon balloon afternoon boot foot shoot root bloom zoom summer dinner winner bigger wanna gonna gotta
pizza grr brr shh woo yummy cheese sleepy sweetie goodnight
`);

export function singular(w: string): string {
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  if (w.length <= 3 || !w.endsWith('s') || KEEP_S.has(w)) return w;
  if (/(?:ss|us|is)$/.test(w)) return w;
  if (w.length === 4) return w.slice(0, -1); // pies, cats, pics
  if (w.endsWith('ics')) return w; // physics, lyrics
  if (w.endsWith('ies')) {
    const stem = w.slice(0, -3);
    return IE_NOUNS.has(`${stem}ie`) ? `${stem}ie` : `${stem}y`;
  }
  if (w.endsWith('oes')) return O_ES.has(w.slice(0, -2)) ? w.slice(0, -2) : w.slice(0, -1);
  if (/(?:ches|shes|xes|sses|zzes)$/.test(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}

/** Undo elongation: every run of 3+ equal letters becomes 1, or 2 when that spells a known word. */
function collapseRuns(w: string): string {
  let one = '';
  let two = '';
  let changed = false;
  for (let i = 0; i < w.length; ) {
    const c = w[i] ?? '';
    let j = i + 1;
    while (j < w.length && w[j] === c) j++;
    const n = j - i;
    if (n >= 3) {
      changed = true;
      one += c;
      two += c + c;
    } else {
      one += c.repeat(n);
      two += c.repeat(n);
    }
    i = j;
  }
  if (!changed) return w;
  return DOUBLE.has(two) ? two : one;
}

/** hahaha → haha, hehehe → hehe, lololol → lol. */
function normalizeLaughter(w: string): string {
  if (w.length >= 4 && w.length % 2 === 0) {
    const unit = w.slice(0, 2);
    if ((unit === 'ha' || unit === 'he' || unit === 'hi') && w === unit.repeat(w.length / 2)) {
      return unit + unit;
    }
  }
  if (w.length >= 5 && /^(?:ha){2,}h?$/.test(w)) return 'haha';
  if (w.length >= 5 && /^l(?:ol)+$/.test(w)) return 'lol';
  return w;
}

/** One run of Latin letters (apostrophes inside allowed) → the word it counts as, or null. */
export function normalizeEnglish(raw: string): string | null {
  let w = raw.toLowerCase().replace(/’/g, "'");
  if (EN_STOPWORDS.has(w)) return null;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  const apostrophe = w.indexOf("'");
  if (apostrophe >= 0) w = w.slice(0, apostrophe);
  w = normalizeLaughter(collapseRuns(w));
  if (w.length < 2 || EN_STOPWORDS.has(w)) return null;
  w = singular(w);
  if (w.length < 2 || EN_STOPWORDS.has(w)) return null;
  return w;
}
