// Korean analysis of one run of Hangul syllables (an eojeol, or the Hangul part of one): the noun without
// its particles, or the verb/adjective in dictionary form. Lexicon-driven and bounded: a run is at most
// MAX_WORD_LENGTH syllables and every step tries each split point once, with set look-ups only.
import { compose, decompose, F, finalOf, V, vowelOf, withFinal, withVowel } from './hangul.js';
import {
  CORE_NOUNS,
  CORE_PREDICATES,
  CORE_WHOLE,
  KO_LEMMA_ALIASES,
  KO_SLANG,
  KO_STOPWORDS,
} from './lexicon/core.js';

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

const coreNouns = new Set(CORE_NOUNS);
const coreWhole = new Set(CORE_WHOLE);
const isNoun = (s: string) => coreNouns.has(s);

// ---------------------------------------------------------------------------------------------------------
// Predicates: every stem form ("allomorph") of every verb and adjective, keyed by its surface string, tagged
// with the kind of ending that may follow it. 먹다 gives 먹 (B), 먹으 (M), 먹은 (N), 먹을 (R), 먹음 (Mm),
// 먹습 (Bp), 먹어 (A), 먹었 (P); 가다 gives 가, 간, 갈, 감, 갑, 가, 갔.

/** B base, B2 base without a final ㄹ (사는 from 살다), M before 으-endings, N/R/Mm/Bp with ㄴ/ㄹ/ㅁ/ㅂ
 * merged, A the 아/어 form, P the past stem. */
type Kind = 'B' | 'B2' | 'M' | 'N' | 'R' | 'Mm' | 'Bp' | 'A' | 'P';

interface Stem {
  lemma: string;
  kind: Kind;
  /** Lower is preferred: the position in the core list, most frequent first. */
  rank: number;
}

const stems = new Map<string, Stem[]>();
/** Every verb and adjective in dictionary form. */
const lemmas = new Set<string>();

function addStem(form: string, lemma: string, kind: Kind, rank: number): void {
  if (!form) return;
  const list = stems.get(form);
  const stem = { lemma, kind, rank };
  if (!list) stems.set(form, [stem]);
  else if (!list.some((s) => s.lemma === lemma && s.kind === kind)) list.push(stem);
}

/** 아 after ㅏ/ㅗ (bright vowels), else 어. */
function isBright(vowel: number): boolean {
  return vowel === V.a || vowel === V.o || vowel === V.ya || vowel === V.wa;
}

function conjugate(lemma: string, cls: string, rank: number): void {
  lemmas.add(lemma);
  const s = lemma.slice(0, -1);
  const last = decompose(s.slice(-1));
  if (!last) return;
  const head = s.slice(0, -1);
  const add = (form: string, kind: Kind) => addStem(form, lemma, kind, rank);
  const open = head + compose(last.initial, last.vowel); // the last syllable without its final
  const bright = isBright(last.vowel);
  const addPast = (a: string) => add(withFinal(a, F.ss), 'P');
  const addA = (a: string) => {
    add(a, 'A');
    addPast(a);
  };

  if (s.endsWith('하')) {
    for (const [k, f] of [
      ['B', s],
      ['M', s],
      ['N', `${head}한`],
      ['R', `${head}할`],
      ['Mm', `${head}함`],
      ['Bp', `${head}합`],
      ['A', `${head}해`],
      ['A', `${head}하여`],
      ['P', `${head}했`],
      ['P', `${head}하였`],
    ] as const) {
      add(f, k);
    }
    return;
  }
  if (cls === 'l' && s.endsWith('르') && head) {
    // 르-irregular: 모르 → 몰라, 부르 → 불러.
    const prev = decompose(head.slice(-1));
    add(s, 'B');
    add(s, 'M');
    add(`${head}른`, 'N');
    add(`${head}를`, 'R');
    add(`${head}름`, 'Mm');
    add(`${head}릅`, 'Bp');
    if (prev) addA(`${withFinal(head, F.l)}${isBright(prev.vowel) ? '라' : '러'}`);
    return;
  }
  if (cls === 'e') {
    // 러-irregular: 푸르 → 푸르러.
    add(s, 'B');
    add(s, 'M');
    add(withFinal(s, F.n), 'N');
    add(withFinal(s, F.l), 'R');
    addA(`${s}러`);
    return;
  }
  if (cls === 'u') {
    // 푸다 → 퍼.
    add(s, 'B');
    add(s, 'M');
    add(withFinal(s, F.n), 'N');
    add(withFinal(s, F.l), 'R');
    addA(withVowel(s, V.eo));
    return;
  }
  if (last.final === 0) {
    add(s, 'B');
    add(s, 'M');
    add(withFinal(s, F.n), 'N');
    add(withFinal(s, F.l), 'R');
    add(withFinal(s, F.m), 'Mm');
    add(withFinal(s, F.b), 'Bp');
    switch (last.vowel) {
      case V.a:
      case V.eo:
      case V.yeo:
      case V.e:
        addA(s);
        break;
      case V.ae:
        addA(s);
        addA(`${s}어`);
        break;
      case V.o:
        addA(withVowel(s, V.wa));
        addA(`${s}아`);
        break;
      case V.u:
        addA(withVowel(s, V.wo));
        addA(`${s}어`);
        break;
      case V.i:
        addA(withVowel(s, V.yeo));
        addA(`${s}어`);
        break;
      case V.oe:
        addA(withVowel(s, V.wae));
        addA(`${s}어`);
        break;
      case V.eu: {
        // 으 drops: 쓰 → 써, 바쁘 → 바빠, 예쁘 → 예뻐.
        const prev = head ? vowelOf(head) : -1;
        addA(withVowel(s, prev >= 0 && isBright(prev) ? V.a : V.eo));
        break;
      }
      default:
        addA(`${s}${bright ? '아' : '어'}`);
    }
    return;
  }
  // Consonant-final stems.
  switch (cls) {
    case 'b':
    case 'w': {
      // ㅂ-irregular: 춥 → 추워 / 추운, 돕 → 도와.
      add(s, 'B');
      add(`${s}습`, 'Bp');
      add(`${open}우`, 'M');
      add(`${open}운`, 'N');
      add(`${open}울`, 'R');
      add(`${open}움`, 'Mm');
      addA(`${open}${cls === 'w' ? '와' : '워'}`);
      return;
    }
    case 'd': {
      // ㄷ-irregular: 듣 → 들어 / 들은.
      const l = withFinal(s, F.l);
      add(s, 'B');
      add(`${s}습`, 'Bp');
      add(`${l}으`, 'M');
      add(`${l}은`, 'N');
      add(`${l}을`, 'R');
      add(`${l}음`, 'Mm');
      addA(`${l}${bright ? '아' : '어'}`);
      return;
    }
    case 's': {
      // ㅅ-irregular: 낫 → 나아 / 나은.
      add(s, 'B');
      add(`${s}습`, 'Bp');
      add(`${open}으`, 'M');
      add(`${open}은`, 'N');
      add(`${open}을`, 'R');
      add(`${open}음`, 'Mm');
      addA(`${open}${bright ? '아' : '어'}`);
      return;
    }
    case 'h': {
      // ㅎ-irregular: 그렇 → 그래 / 그런, 하얗 → 하얘.
      add(s, 'B');
      add(`${s}습`, 'Bp');
      add(open, 'M');
      add(withFinal(open, F.n), 'N');
      add(withFinal(open, F.l), 'R');
      add(withFinal(open, F.m), 'Mm');
      const yo = last.vowel === V.ya || last.vowel === V.yeo;
      addA(withVowel(s, yo ? V.yae : V.ae));
      return;
    }
  }
  if (last.final === F.l) {
    // ㄹ-stems drop the ㄹ before ㄴ, ㅂ, ㅅ: 살 → 사는, 삽니다, 사세요; 산, 삶.
    add(s, 'B');
    add(open, 'B2');
    add(s, 'M');
    add(open, 'M');
    add(withFinal(open, F.n), 'N');
    add(s, 'R');
    add(withFinal(open, F.lm), 'Mm');
    add(withFinal(open, F.b), 'Bp');
    addA(`${s}${bright ? '아' : '어'}`);
    return;
  }
  add(s, 'B');
  add(`${s}으`, 'M');
  add(`${s}은`, 'N');
  add(`${s}을`, 'R');
  add(`${s}음`, 'Mm');
  add(`${s}습`, 'Bp');
  addA(`${s}${bright ? '아' : '어'}`);
  if (last.final === F.h && last.vowel === V.o) addA(withVowel(s, V.wa)); // 놓아 → 놔
}

for (const [i, { lemma, cls }] of CORE_PREDICATES.entries()) conjugate(lemma, cls, i);

/** Endings by the kind of stem they follow. Written out rather than generated so each is a real form. */
const ENDINGS: Record<Kind, Set<string>> = {
  B: endingSet(`
    고 지 지요 죠 지만 지마 지도 지는 진 는 는데 는다 는대 는구나 는군 는지 는데도 는거 는거야 는게 는건 는걸
    는중 네 다 다고 다니 다며 다면 다면서 다가 자 자고 잔 재 게 겠 겠다 겠어 겠네 겠지 겠지만 겠는데 겠냐 겠다고
    기 기로 기도 기는 기에 기만 기가 기를 긴 던 던데 던가 더라 더라고 더니 니 냐 냐고 나 나봐 거든 잖아 잖 구나
    군 고서 도록 든지 든 느라 느라고 대 래 습니다 습니까 겠습니다 겠습니까 겠니 겠구나 자마자 세요`),
  B2: endingSet(
    '는 는데 는다 는대 는구나 는지 는거 는거야 는게 는건 는걸 는중 네 니 냐 나 나봐 세 세요 셔 셨 시 신 실 니까',
  ),
  M: endingSet(`
    면 면서 면은 니까 니깐 니 세 세요 셔요 셔 셔서 셨 셨어 셨다 셨네 셨구나 셨지 셨는데 시 시고 시는 시면 시지 시죠 신 실
    실래 시네 십니다 십시오 러 려고 려면 려나 며 라 라고 란 래 랬 랬잖아`),
  N: endingSet(`
    _ 데 데도 지 가 가봐 거 거야 거예요 거지 건 건데 걸 게 거니 적 적있어 다 대 다고 다며 다면 듯 줄 척 채 뒤 후
    김에 덕분에 만큼 편 거같아 것 것같아`),
  R: endingSet(`
    _ 래 게 께 까 까봐 거야 거예요 거지 거고 건데 걸 거 텐데 테니까 수 수도 때 지 지도 지만 듯 줄 만큼 뻔 래서
    라고 꺼야 꺼 꺼지 껄`),
  Mm: endingSet('_'),
  Bp: endingSet('니다 니까 니당 시다'),
  A: endingSet('_ 요 여 서 도 야 야지 야겠다 야겠어 라 라고'),
  P: endingSet(`
    어 다 다고 다며 다면 다니 대 는데 는데도 는지 네 니 냐 나 지 죠 지만 잖아 고 구나 군 으면 으니까 으니 을 을까
    을걸 을텐데 을지 을거야 을때 던 던데 더니 더라 더라고 습니다 습니까 거든 겠다 겠어 겠지 겠네 음 기 기에 기로
    어서 으면서 을거 는거 는거야 는게 는걸 나봐`),
};

/** Each ending plus its polite (-요) and chat (-용, 고 → 구) spellings. `_` is the empty ending. */
function endingSet(s: string): Set<string> {
  const set = new Set<string>();
  for (const w of words(s)) {
    const e = w === '_' ? '' : w;
    set.add(e);
    if (e && /[어아지네게까래걸데는야해봐잖든거]$/.test(e)) set.add(`${e}요`);
    if (e.endsWith('요')) set.add(`${e.slice(0, -1)}용`);
    if (e.endsWith('고')) set.add(`${e.slice(0, -1)}구`);
  }
  return set;
}

/** Auxiliary predicates by the connective ending before them: 먹어 봐, 먹고 싶어, 먹지 마, 가야 돼. */
const AUX: Record<string, Set<string>> = {
  a: new Set(words('보다 주다 버리다 놓다 두다 있다 드리다 지다 가다 오다 대다')),
  go: new Set(words('싶다 있다 계시다')),
  ji: new Set(words('않다 말다 못하다')),
  ge: new Set(words('되다 하다')),
  ya: new Set(words('되다 하다')),
  na: new Set(words('보다')),
};

export interface PredicateAnalysis {
  lemma: string;
  rank: number;
  /** Whether the stem matched a whole lexicon entry (not a verb plus an attached auxiliary). */
  whole: boolean;
  stemLength: number;
  kind: Kind;
  /** The connective the form ends with, when an auxiliary may follow it as the next word. */
  connective: string | null;
  /** The ending after the stem (of the last predicate, when auxiliaries are attached). */
  ending: string;
}

function connectiveOf(kind: Kind, ending: string): string | null {
  if (kind === 'A' && ending === '') return 'a';
  if (kind === 'A' && ending === '야') return 'ya';
  if (kind === 'B' && (ending === '고' || ending === '구')) return 'go';
  if (kind === 'B' && ending === '지') return 'ji';
  if (kind === 'B' && ending === '게') return 'ge';
  if (kind === 'B' && ending === '다') return 'a'; // 사다 줄까 (다가 shortened)
  if ((kind === 'B' || kind === 'P') && ending === '나') return 'na'; // 들었나 봐
  return null;
}

function better(a: PredicateAnalysis | null, b: PredicateAnalysis): boolean {
  if (!a) return true;
  if (a.whole !== b.whole) return b.whole;
  // Among verbs with an attached auxiliary, the longer stem: 들어가봐 is 들어가다 + 보다, not 듣다 + 가보다.
  if (!b.whole && a.stemLength !== b.stemLength) return b.stemLength > a.stemLength;
  if (a.rank !== b.rank) return b.rank < a.rank;
  return b.stemLength > a.stemLength;
}

/** The best reading of `t` as one conjugated verb or adjective (optionally with attached auxiliaries). */
export function analyzePredicate(t: string, allowMm = true, depth = 0): PredicateAnalysis | null {
  let best: PredicateAnalysis | null = null;
  for (let i = 1; i <= t.length; i++) {
    const entries = stems.get(t.slice(0, i));
    if (!entries) continue;
    const rest = t.slice(i);
    for (const e of entries) {
      if (e.kind === 'Mm' && !allowMm) continue;
      if (ENDINGS[e.kind].has(rest)) {
        const a: PredicateAnalysis = {
          lemma: e.lemma,
          rank: e.rank,
          whole: true,
          stemLength: i,
          kind: e.kind,
          connective: connectiveOf(e.kind, rest),
          ending: rest,
        };
        if (better(best, a)) best = a;
        continue;
      }
      if (depth >= 2 || !rest) continue;
      // A verb with an auxiliary attached: 먹어봐, 먹고싶어, 가야돼, 먹지마.
      let connective: string | null = null;
      let tail = rest;
      if (e.kind === 'A') {
        if (rest.startsWith('야') && rest.length > 1) {
          connective = 'ya';
          tail = rest.slice(1);
        } else connective = 'a';
      } else if (e.kind === 'B' && rest.length > 1) {
        const c = rest[0];
        if (c === '고' || c === '구') connective = 'go';
        else if (c === '지') connective = 'ji';
        else if (c === '게') connective = 'ge';
        else if (c === '다') connective = 'a';
        tail = rest.slice(1);
      }
      if (!connective) continue;
      const sub = analyzePredicate(tail, false, depth + 1);
      if (sub && AUX[connective]?.has(sub.lemma)) {
        const a: PredicateAnalysis = {
          ...sub,
          lemma: e.lemma,
          rank: e.rank,
          whole: false,
          stemLength: i,
        };
        if (better(best, a)) best = a;
      }
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Particles and the copula after a noun. Each form says what the syllable before it must end with: C a
// final consonant (음식을), V a vowel (우리를), A either. Level 1 case particles may be followed by level 2
// topic/additive ones (에서는, 한테도), and either by the copula (여기까지야); terminal ones end the word.

type Cond = 'C' | 'V' | 'A';
interface Particle {
  form: string;
  cond: Cond;
  level: 1 | 2 | 3;
}

const PARTICLES: Particle[] = [];
function particles(level: 1 | 2 | 3, cond: Cond, s: string): void {
  for (const form of words(s)) PARTICLES.push({ form, cond, level });
}
particles(
  1,
  'A',
  '에 에서 에게 에게서 한테 한테서 께 께서 까지 부터 처럼 보다 하고 마다 밖에 대로 만큼 조차 마저 뿐 같이 만',
);
particles(1, 'C', '으로 이랑 과 이나 이든 이든지 이라도 이랑은');
particles(1, 'V', '로 랑 와 나 든 든지 라도');
particles(2, 'A', '도 만 까지 부터 요 엔 에선 한텐 보단 까진 부턴 에겐 서');
particles(2, 'C', '은 이요 으론');
particles(2, 'V', '는 론');
particles(3, 'A', '의');
particles(3, 'C', '이 을');
particles(3, 'V', '가 를');

/** Copula (이다) forms after a noun: C forms start with 이; after a vowel the 이 is usually dropped. */
const COPULA_C = endingSet(`
  이야 이에요 이예요 이었어 이었다 이었는데 이었지 이었네 이었고 이었으면 이었음 인데 인데도 인가 인가봐 인지
  일까 일걸 일거야 일듯 일수도 이지 이지만 이네 이고 이라 이라서 이라고 이래 이랬어 이면 이니까 이잖아 이다
  입니다 입니까 이던데 이더라 임 이거든 이군 이구나 이냐 이니 이얌 이라니`);
const COPULA_V = endingSet(`
  야 얌 예요 에요 였어 였다 였는데 였지 였네 였고 였으면 였음 지 지만 네 고 라 라서 라고 래 랬어 면 니까 잖아
  다 던데 더라 거든 군 구나 냐 니 라니`);

const particlesByFirst = new Map<string, Particle[]>();
for (const p of PARTICLES) {
  const first = p.form[0] ?? '';
  const list = particlesByFirst.get(first) ?? [];
  list.push(p);
  particlesByFirst.set(first, list);
}

function condOk(cond: Cond, before: string, form: string): boolean {
  const final = finalOf(before);
  if (final < 0) return true; // after a Latin word or a digit: cannot tell, accept either
  if (form === '로' && final === F.l) return true; // 길로, 서울로
  if (form.startsWith('으로') && final === F.l) return false;
  if (cond === 'C') return final !== 0;
  if (cond === 'V') return final === 0;
  return true;
}

/** Whether `rest` is a valid chain of particles and/or copula after `before` (the noun, or what precedes). */
export function isParticleChain(rest: string, before: string, level = 0): boolean {
  if (rest === '') return level > 0;
  const final = finalOf(before);
  if (final < 0 || final !== 0) {
    if (COPULA_C.has(rest)) return true;
  }
  if (final <= 0 && COPULA_V.has(rest)) return true;
  if (level >= 2 && rest !== '요') return false;
  for (const p of particlesByFirst.get(rest[0] ?? '') ?? []) {
    if (!rest.startsWith(p.form) || p.level <= level) continue;
    if (!condOk(p.cond, before, p.form)) continue;
    const after = rest.slice(p.form.length);
    if (p.level === 3) {
      if (after === '') return true;
      continue;
    }
    if (after === '' || isParticleChain(after, p.form, p.level)) return true;
  }
  return false;
}

/** What may follow a noun: the plural 들 and/or 만, then particles or the copula (친구들이랑, 것만으로도). */
export function isNounSuffix(rest: string, stem: string, copula = true): boolean {
  let r = rest;
  let before = stem;
  if (r.startsWith('들')) {
    r = r.slice(1);
    before = '들';
    if (r === '') return true;
  }
  if (r.startsWith('만') && r.length > 1) {
    if (isParticleChain(r.slice(1), '만') && (copula || !COPULA_V.has(r.slice(1)))) return true;
  }
  if (!copula && (COPULA_C.has(r) || COPULA_V.has(r))) return false;
  return isParticleChain(r, before);
}

/** 나가 is the verb 나가다, not 나 + 가 (the subject form of 나 is 내가); 나와 is usually 나오다; 화나 is
 * 화나다. */
const NOT_PARTICLE = new Set(['나가', '저가', '나와', '너와', '화나']);

/** A noun (as judged by `known`) followed by particles/copula: the longest such noun. Also handles the
 * copula merged into the noun's last syllable (친군데 = 친구 + ㄴ데, 뭘 = 뭐 + ㄹ). */
export function nounWithParticles(
  t: string,
  known: (s: string) => boolean,
  minStem = 1,
  copula = true,
): string | null {
  if (NOT_PARTICLE.has(t)) return null;
  for (let i = t.length - 1; i >= minStem; i--) {
    const stem = t.slice(0, i);
    if (known(stem) && isNounSuffix(t.slice(i), stem, copula)) return stem;
  }
  if (!copula) return null;
  for (let i = t.length; i >= minStem; i--) {
    const merged = t.slice(0, i);
    const final = finalOf(merged);
    if (final !== F.n && final !== F.l) continue;
    const stem = withFinal(merged, 0);
    const rest = t.slice(i);
    if (!known(stem)) continue;
    // A one-syllable noun only takes the merged topic marker (땐 = 때는); 콜 is not 코 + ㄹ.
    if (stem.length === 1 && !(final === F.n && rest === '')) continue;
    const ok =
      (final === F.n && ['', '데', '데요', '가', '가요', '지', '지도', '가봐'].includes(rest)) ||
      (final === F.l && ['', '까', '까요', '걸', '거야', '듯'].includes(rest));
    if (ok) return stem;
  }
  return null;
}

/** A noun followed by a light verb (공부했어 → 공부, 사랑해 → 사랑, 걱정돼 → 걱정). */
const LIGHT_VERBS = new Set(
  words(
    '하다 되다 시키다 당하다 해지다 해보다 해주다 해놓다 해두다 해버리다 해드리다 해대다 되어버리다',
  ),
);

function nounWithLightVerb(t: string, known: (s: string) => boolean, minStem: number) {
  for (let i = t.length - 1; i >= minStem; i--) {
    const stem = t.slice(0, i);
    if (!known(stem)) continue;
    const p = analyzePredicate(t.slice(i));
    if (p && LIGHT_VERBS.has(p.lemma)) return { stem, p };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------

/** What one Hangul run contributed, and what the next word needs to know about it. */
export interface HangulResult {
  words: string[];
  /** Set when the run ends in a connective after which an auxiliary predicate is not counted. */
  connective: string | null;
  /** The lemma the run was read as (even when it is a stopword and so not counted). */
  lemma: string | null;
}

/** Stopword nouns that take particles (이거는, 뭐가, 여기에, 수도): read so the whole run is dropped. */
const STOP_NOUNS = new Set(
  words(
    '이거 그거 저거 요거 이것 그것 저것 여기 거기 저기 이쪽 그쪽 저쪽 뭐 무엇 누구 어디 언제 것 거 때문 만큼 중 적 수 줄 데 뿐',
  ),
);

const ADVERB_PREFIXES = [
  '안',
  '못',
  '잘',
  '다',
  '또',
  '좀',
  '꼭',
  '왜',
  '너무',
  '진짜',
  '완전',
  '같이',
  '빨리',
];
/** Slang intensifiers that make one word with the predicate after them: 개웃겨 → 개웃기다, 킹받네 → 킹받다. */
const INTENSIFIERS = ['개', '존', '핵', '킹'];
const HEURISTIC_MIN_STEM = 2;

function finish(
  lemma: string,
  connective: string | null = null,
  extra: string[] = [],
): HangulResult {
  const l = KO_LEMMA_ALIASES.get(lemma) ?? lemma;
  const out = extra.filter((w) => !KO_STOPWORDS.has(w));
  if (!KO_STOPWORDS.has(l)) out.push(l);
  return { words: out, connective, lemma: l };
}

const LIGHT_SUFFIXES = ['하다', '되다', '시키다'];

function fromPredicate(p: PredicateAnalysis, extra: string[] = []): HangulResult {
  // X하다 with X a noun counts as X (말하다 → 말), like the spaced "말 하다".
  for (const light of LIGHT_SUFFIXES) {
    const noun = p.lemma.slice(0, -light.length);
    if (p.lemma.endsWith(light) && noun && isNoun(noun)) return finish(noun, p.connective, extra);
  }
  return finish(p.lemma, p.connective, extra);
}

/** An adverb written together with the verb after it: 잘자 → 잘 + 자다, 안먹어 → 먹다. */
function prefixSplit(t: string): HangulResult | null {
  for (const prefix of ADVERB_PREFIXES) {
    if (t.length <= prefix.length || !t.startsWith(prefix)) continue;
    const p = analyzePredicate(t.slice(prefix.length));
    if (p) return fromPredicate(p, [prefix]);
  }
  for (const prefix of INTENSIFIERS) {
    if (t.length <= prefix.length + 1 || !t.startsWith(prefix)) continue;
    const p = analyzePredicate(t.slice(prefix.length));
    if (p) return finish(prefix + p.lemma, p.connective);
  }
  return null;
}

/** A noun written together with a common predicate: 짜증나 → 짜증 + 나다, 바보같아 → 바보. */
function nounThenPredicate(t: string): HangulResult | null {
  for (let i = t.length - 1; i >= 1; i--) {
    const stem = t.slice(0, i);
    if (!isNoun(stem)) continue;
    const p = analyzePredicate(t.slice(i));
    // A bare modifier (둘레길 is not 둘레 + 길다) is more likely the end of a compound noun.
    const bare = p?.ending === '' && (p.kind === 'N' || p.kind === 'R' || p.kind === 'Mm');
    if (p && !bare) return fromPredicate(p, [stem]);
  }
  return null;
}

/** Past-tense or polite endings on a word we could not analyse: a verb we do not know. */
function looksVerbal(t: string): boolean {
  for (let i = 1; i < t.length; i++) {
    if (finalOf(t[i] ?? '') === F.ss) return true;
  }
  return /(?:습니다|니다|어요|아요|해요|세요|는데|했어|해서|하고|하는)$/.test(t);
}

/** Analyse one Hangul run (already repetition-normalised). `first`: it opens the message. */
export function analyzeHangul(input: string, first = false): HangulResult {
  const t = KO_SLANG.get(input) ?? input;
  if (KO_STOPWORDS.has(t)) return finish(t);
  // 와 opening a message is "wow"; later it is 오다 (비 와?, 빨리 와).
  if (t === '와' && !first) return finish('오다', 'a');
  if (coreWhole.has(t) || coreNouns.has(t)) return finish(t);
  // A verb or adjective typed in dictionary form (나다, not 나 + 다; 주다, not 주 + 다).
  if (lemmas.has(t)) {
    const p = analyzePredicate(t, false);
    if (p) return fromPredicate({ ...p, lemma: t });
  }
  const slangStem = nounWithParticles(t, (s) => KO_SLANG.has(s), 1, false);
  if (slangStem) return finish(KO_SLANG.get(slangStem) ?? slangStem);
  const coreNoun = nounWithParticles(t, (s) => coreNouns.has(s) || STOP_NOUNS.has(s));
  if (coreNoun) return finish(coreNoun);
  // Negation written together with the verb after it: 안자 is 안 + 자다 (not 안다, to hug), 안가 is 안 + 가다.
  const negated = t.startsWith('안') ? analyzePredicate(t.slice(1), false) : null;
  if (negated) return fromPredicate(negated, ['안']);
  const pred = analyzePredicate(t, false);
  if (pred) return fromPredicate(pred);
  const light = nounWithLightVerb(t, isNoun, 1);
  if (light) return finish(light.stem, light.p.connective);
  const nominal = analyzePredicate(t, true);
  if (nominal) return fromPredicate(nominal);
  const prefixed = prefixSplit(t);
  if (prefixed) return prefixed;
  const compound = nounThenPredicate(t);
  if (compound) return compound;
  // Unknown words: a noun we do not know with a light verb (덕질했어), a name or new noun with particles
  // (넷플릭스로, 지민아), a verb we do not know (오글거려), else the run as it is.
  for (const e of GEORIDA) {
    if (t.length > e.length && t.endsWith(e)) return finish(`${t.slice(0, -e.length)}거리다`);
  }
  const unknownLight = nounWithLightVerb(t, () => true, HEURISTIC_MIN_STEM);
  if (unknownLight) return finish(unknownLight.stem, unknownLight.p.connective);
  const unknown = heuristicNoun(t);
  if (unknown) return finish(unknown);
  const verb = unknownVerb(t);
  if (verb) return finish(verb);
  if (looksVerbal(t)) return { words: [], connective: null, lemma: null };
  return finish(t);
}

/** A name with the familiar suffix 이 (서연이 → 서연), as names take it before particles (서연이가). */
function withoutNameSuffix(stem: string): string {
  return stem.length >= 3 && stem.endsWith('이') && finalOf(stem.slice(0, -1)) > 0
    ? stem.slice(0, -1)
    : stem;
}

function heuristicNoun(t: string): string | null {
  // Shortest stem first: the longest chain of particles wins (넷플릭스에서는 → 넷플릭스).
  for (let i = 1; i < t.length; i++) {
    const stem = t.slice(0, i);
    const rest = t.slice(i);
    if (stem.length < HEURISTIC_MIN_STEM && rest.length < 2) continue;
    if (isParticleChain(rest, stem)) return withoutNameSuffix(stem);
    // Vocative 아/야 on a name: 지민아, 민수야.
    if ((rest === '아' && finalOf(stem) > 0) || (rest === '야' && finalOf(stem) === 0)) {
      if (stem.length >= 2) return withoutNameSuffix(stem);
    }
  }
  return null;
}

const UNKNOWN_VERB_ENDINGS = [
  '네',
  '네요',
  '는데',
  '지',
  '고',
  '다',
  '자',
  '겠다',
  '겠어',
  '잖아',
  '더라',
];

/** Forms of the productive suffix -거리다 (오글거려, 설렁거렸어). */
const GEORIDA = [
  '거려',
  '거려서',
  '거렸어',
  '거렸다',
  '거리고',
  '거리는',
  '거린다',
  '거리네',
  '거림',
  '거리다',
];

function unknownVerb(t: string): string | null {
  for (const e of UNKNOWN_VERB_ENDINGS) {
    if (t.length <= e.length + 1 || !t.endsWith(e)) continue;
    const stem = t.slice(0, -e.length);
    const final = finalOf(stem);
    // Only consonant-final stems (not ㅆ, a past tense): a vowel-final stem could be a noun + copula.
    if (final > 0 && final !== F.ss) return `${stem}다`;
  }
  return null;
}

/** Whether a Hangul run is nothing but particles, copula or a light verb (the 에 of "playlist에", the 해
 * of "cute해"): such a run after a Latin word or a number adds no word. */
export function isSuffixOnly(t: string): boolean {
  if (isParticleChain(t, 'a')) return true;
  const p = analyzePredicate(t);
  return p !== null && LIGHT_VERBS.has(p.lemma);
}

export function isKoreanStopword(w: string): boolean {
  return KO_STOPWORDS.has(w);
}

export function isKnownWhole(w: string): boolean {
  return coreWhole.has(w) || coreNouns.has(w);
}

/** Whether `lemma` is an auxiliary after a word ending in `connective` (보다 after 먹어, 싶다 after 보고). */
export function isAuxAfter(connective: string, lemma: string): boolean {
  return AUX[connective]?.has(lemma) ?? false;
}
