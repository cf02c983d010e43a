// Precision and recall of tokenize against the hand-labelled chat lines (see labelled/GUIDELINES.md).
// Thresholds sit a little below the measured values (README "Quality") so a regression fails here.
import { describe, expect, it } from 'vitest';
import { normalizeWord, tokenize } from '../src/index.js';
import { loadLabelled, type Score, score } from './labelled.js';

const koreanDev = loadLabelled((f) => f.startsWith('ko-'));
const englishDev = loadLabelled((f) => f.startsWith('en-'));
const koreanHeldOut = loadLabelled((f) => f === 'heldout-ko.jsonl');
const englishHeldOut = loadLabelled((f) => f === 'heldout-en.jsonl');

function report(name: string, s: Score): void {
  console.log(
    `${name.padEnd(18)} lines=${String(s.lines).padStart(3)}  precision=${s.precision.toFixed(4)}  recall=${s.recall.toFixed(4)}  (tp=${s.truePositives} fp=${s.falsePositives} fn=${s.falseNegatives})`,
  );
}

describe('labelled chat lines', () => {
  it('has enough lines', () => {
    expect(koreanDev.length + koreanHeldOut.length).toBeGreaterThanOrEqual(500);
    expect(englishDev.length + englishHeldOut.length).toBeGreaterThanOrEqual(100);
    for (const line of [...koreanDev, ...englishDev, ...koreanHeldOut, ...englishHeldOut]) {
      expect(typeof line.text).toBe('string');
      expect(Array.isArray(line.words)).toBe(true);
    }
  });

  it.each([
    ['Korean (dev)', koreanDev, 0.985, 0.985],
    ['English (dev)', englishDev, 0.98, 0.98],
    ['Korean (held out)', koreanHeldOut, 0.97, 0.97],
    ['English (held out)', englishHeldOut, 0.97, 0.97],
  ])('%s: precision and recall stay above their thresholds', (name, lines, minP, minR) => {
    const s = score(lines);
    report(name, s);
    expect(s.precision).toBeGreaterThanOrEqual(minP);
    expect(s.recall).toBeGreaterThanOrEqual(minR);
  });

  it('every word tokenize produces normalises to itself (so exclusions and triggers match it)', () => {
    const mismatches: string[] = [];
    for (const { text } of loadLabelled()) {
      for (const w of tokenize(text)) {
        if (normalizeWord(w) !== w) mismatches.push(`${w} → ${normalizeWord(w)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
