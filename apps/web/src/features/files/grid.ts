/** The most tiles a bundle shows; the last shown one carries "+N" for the rest. */
export const gridMaxTiles = 9;

export interface PhotoGrid {
  /** Tiles per row, top to bottom; the rows together show `shown` tiles. */
  rows: number[];
  shown: number;
  /** Photos beyond the shown ones, counted on the last tile ("+N"); 0 when all are shown. */
  more: number;
}

/**
 * How a bundle of photos is laid out, KakaoTalk-style: one alone, two columns for 2–4 (three as
 * one wide and two below), three columns beyond, with the shorter rows first so every row is full.
 */
export function photoGrid(count: number): PhotoGrid {
  if (count <= 0) return { rows: [], shown: 0, more: 0 };
  const shown = Math.min(count, gridMaxTiles);
  const more = count > gridMaxTiles ? count - (gridMaxTiles - 1) : 0;
  if (shown <= 2) return { rows: [shown], shown, more };
  if (shown === 3) return { rows: [1, 2], shown, more };
  if (shown === 4) return { rows: [2, 2], shown, more };
  const rows: number[] = [];
  let left = shown;
  // A remainder of one becomes two rows of two; a remainder of two, one row of two.
  const pairs = shown % 3 === 1 ? 2 : shown % 3 === 2 ? 1 : 0;
  for (let i = 0; i < pairs; i += 1) {
    rows.push(2);
    left -= 2;
  }
  while (left > 0) {
    rows.push(3);
    left -= 3;
  }
  return { rows, shown, more };
}

/** How many columns the widest row of a bundle has (2 for 2–4 photos, 3 beyond). */
export function gridColumns(count: number): number {
  return Math.max(0, ...photoGrid(count).rows);
}

/**
 * A single photo's box: its own proportions, within limits so a panorama or a screenshot stays
 * readable (the picture is cropped to the box beyond them). Height over width.
 */
export function singleAspect(width: number | null, height: number | null): number {
  if (!width || !height) return 1;
  // Tall pictures are cut shorter than wide ones: a phone screen has little height to spare.
  return Math.min(4 / 3, Math.max(1 / 2, height / width));
}
