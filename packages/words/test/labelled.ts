// Loads the labelled chat lines in test/labelled/*.jsonl and scores tokenize against them.
import fs from 'node:fs';
import path from 'node:path';
import { tokenize } from '../src/index.js';

export interface Labelled {
  file: string;
  text: string;
  words: string[];
}

const dir = path.join(import.meta.dirname, 'labelled');

export function loadLabelled(filter: (file: string) => boolean = () => true): Labelled[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && filter(f))
    .sort()
    .flatMap((file) =>
      fs
        .readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => ({ file, ...(JSON.parse(line) as { text: string; words: string[] }) })),
    );
}

export interface Score {
  lines: number;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** Micro precision and recall over multisets of words: a word counts as often as it is expected. */
export function score(lines: Labelled[]): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { text, words } of lines) {
    const expected = new Map<string, number>();
    for (const w of words) expected.set(w, (expected.get(w) ?? 0) + 1);
    let hits = 0;
    const got = tokenize(text);
    for (const w of got) {
      const left = expected.get(w) ?? 0;
      if (left > 0) {
        hits++;
        expected.set(w, left - 1);
      }
    }
    tp += hits;
    fp += got.length - hits;
    fn += words.length - hits;
  }
  return {
    lines: lines.length,
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}
