import { describe, expect, it } from 'vitest';
import { gridColumns, photoGrid, singleAspect } from './grid';

describe('photoGrid', () => {
  it('shows one photo alone and two side by side', () => {
    expect(photoGrid(1)).toEqual({ rows: [1], shown: 1, more: 0 });
    expect(photoGrid(2)).toEqual({ rows: [2], shown: 2, more: 0 });
  });

  it('uses two columns for three and four photos', () => {
    expect(photoGrid(3).rows).toEqual([1, 2]);
    expect(photoGrid(4).rows).toEqual([2, 2]);
    expect([2, 3, 4].map(gridColumns)).toEqual([2, 2, 2]);
  });

  it('uses three columns beyond, with shorter rows first so every row is full', () => {
    expect(photoGrid(5).rows).toEqual([2, 3]);
    expect(photoGrid(6).rows).toEqual([3, 3]);
    expect(photoGrid(7).rows).toEqual([2, 2, 3]);
    expect(photoGrid(8).rows).toEqual([2, 3, 3]);
    expect(photoGrid(9).rows).toEqual([3, 3, 3]);
    expect([5, 6, 7, 8, 9].map(gridColumns)).toEqual([3, 3, 3, 3, 3]);
  });

  it('shows nine tiles at most; the ninth counts the rest as +N', () => {
    expect(photoGrid(10)).toEqual({ rows: [3, 3, 3], shown: 9, more: 2 });
    expect(photoGrid(30)).toEqual({ rows: [3, 3, 3], shown: 9, more: 22 });
  });

  it('every layout shows exactly the tiles it says', () => {
    for (let count = 1; count <= 40; count += 1) {
      const grid = photoGrid(count);
      expect(grid.rows.reduce((a, b) => a + b, 0)).toBe(grid.shown);
      // What the +N tile stands for and the tiles before it make up the whole bundle.
      expect(grid.more ? grid.shown - 1 + grid.more : grid.shown).toBe(count);
    }
    expect(photoGrid(0)).toEqual({ rows: [], shown: 0, more: 0 });
  });
});

describe('singleAspect', () => {
  it('keeps a photo’s own proportions (height over width)', () => {
    expect(singleAspect(800, 600)).toBe(0.75);
    expect(singleAspect(900, 1000)).toBeCloseTo(1.111, 3);
  });

  it('limits panoramas and tall screenshots, and squares an unknown size', () => {
    expect(singleAspect(4000, 500)).toBe(1 / 2);
    expect(singleAspect(1080, 1920)).toBe(4 / 3);
    expect(singleAspect(null, null)).toBe(1);
  });
});
