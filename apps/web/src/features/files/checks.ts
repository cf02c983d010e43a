import type { ErrorCode, StorageResponse } from '@couple-chat/protocol';

/** What the client knows of the limits before asking the server; unknown ones are the server's to check. */
export type FileLimits = Pick<StorageResponse, 'maxFilesPerMessage'> &
  Partial<Omit<StorageResponse, 'maxFilesPerMessage'>>;

export const defaultFileLimits: FileLimits = { maxFilesPerMessage: 30 };

export type FileProblemCode = Extract<
  ErrorCode,
  'file_empty' | 'file_too_large' | 'too_many_files' | 'storage_quota_exceeded'
>;

export interface FileProblem {
  name: string;
  code: FileProblemCode;
}

interface Sized {
  name: string;
  size: number;
}

/**
 * Which of the newly picked files can join the ones already chosen, checked before any byte is
 * sent: not empty, not over the size limit, not beyond the per-message count, and within the
 * couple's storage counting what is still on its way up (`pendingBytes`).
 */
export function checkFiles<F extends Sized>(
  chosen: readonly Sized[],
  picked: readonly F[],
  limits: FileLimits,
  pendingBytes = 0,
): { accepted: F[]; problems: FileProblem[] } {
  const accepted: F[] = [];
  const problems: FileProblem[] = [];
  let count = chosen.length;
  let bytes = (limits.usedBytes ?? 0) + pendingBytes + sum(chosen);
  for (const file of picked) {
    const code = problemOf(file, count, bytes, limits);
    if (code) {
      problems.push({ name: file.name, code });
      continue;
    }
    accepted.push(file);
    count += 1;
    bytes += file.size;
  }
  return { accepted, problems };
}

function problemOf(
  file: Sized,
  count: number,
  bytes: number,
  limits: FileLimits,
): FileProblemCode | null {
  if (file.size === 0) return 'file_empty';
  if (limits.maxFileBytes !== undefined && file.size > limits.maxFileBytes) return 'file_too_large';
  if (count >= limits.maxFilesPerMessage) return 'too_many_files';
  if (limits.quotaBytes !== undefined && bytes + file.size > limits.quotaBytes)
    return 'storage_quota_exceeded';
  return null;
}

function sum(files: readonly Sized[]): number {
  return files.reduce((total, file) => total + file.size, 0);
}

/** The problems of one pick, once per kind: "too many" is said once, not for each file left out. */
export function summariseProblems(problems: readonly FileProblem[]): FileProblem[] {
  const seen = new Set<FileProblemCode>();
  const out: FileProblem[] = [];
  for (const problem of problems) {
    const perFile = problem.code === 'file_empty' || problem.code === 'file_too_large';
    if (!perFile && seen.has(problem.code)) continue;
    seen.add(problem.code);
    out.push(problem);
  }
  return out;
}
