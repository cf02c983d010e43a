// Binary units, as phones and file managers show them; the unit names are ours ("KB", not CLDR's "kB").
const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
const unitIds = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "1.2 MB" in English, "1.2MB" in Korean: CLDR's spacing and digits, one decimal below 10. */
export function formatBytes(bytes: number, locale: string): string {
  let index = 0;
  let value = Math.max(0, bytes);
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  const digits = index === 0 || value >= 10 ? 0 : 1;
  const format = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: unitIds[index],
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  });
  return format
    .formatToParts(value)
    .map((part) => (part.type === 'unit' ? units[index] : part.value))
    .join('');
}

/** A video's length as players show it: 0:07, 12:34, 1:02:03. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** The same length read out: "1분 5초", "1 minute, 5 seconds". */
export function durationLabel(ms: number, locale: string): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const parts: [number, 'hour' | 'minute' | 'second'][] = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const spoken = parts
    .filter(([amount], index) => amount > 0 || (index === 2 && total === 0))
    .map(([amount, unit]) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount),
    );
  return new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }).format(spoken);
}
