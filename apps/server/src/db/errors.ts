/** Which unique column a failed insert collided with, across both dialects; undefined if not a unique violation. */
export function uniqueViolationColumn(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: string; message?: string; constraint?: string; detail?: string };
  const sqlite = e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  const postgres = e.code === '23505';
  if (!sqlite && !postgres) return undefined;
  const text = `${e.constraint ?? ''} ${e.detail ?? ''} ${e.message ?? ''}`;
  const match = /(\w+_key)\b/.exec(text.replace(/_key_key/g, '_key'));
  return match?.[1] ?? 'unknown';
}
