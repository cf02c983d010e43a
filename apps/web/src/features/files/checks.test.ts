import { describe, expect, it } from 'vitest';
import { checkFiles, defaultFileLimits, type FileLimits, summariseProblems } from './checks';

const MB = 1024 * 1024;
const limits: FileLimits = {
  usedBytes: 90 * MB,
  quotaBytes: 100 * MB,
  maxFileBytes: 8 * MB,
  maxFilesPerMessage: 3,
};
const file = (name: string, size: number) => ({ name, size });

describe('checkFiles', () => {
  it('accepts files within every limit', () => {
    const picked = [file('a.jpg', MB), file('b.jpg', 2 * MB)];
    expect(checkFiles([], picked, limits)).toEqual({ accepted: picked, problems: [] });
  });

  it('refuses empty files and files over the size limit, by name', () => {
    const result = checkFiles([], [file('empty.txt', 0), file('huge.mov', 9 * MB)], limits);
    expect(result.accepted).toEqual([]);
    expect(result.problems).toEqual([
      { name: 'empty.txt', code: 'file_empty' },
      { name: 'huge.mov', code: 'file_too_large' },
    ]);
  });

  it('stops at the per-message count, counting what is already in the tray', () => {
    const result = checkFiles(
      [file('a.jpg', 1)],
      [file('b.jpg', 1), file('c.jpg', 1), file('d.jpg', 1)],
      limits,
    );
    expect(result.accepted.map((f) => f.name)).toEqual(['b.jpg', 'c.jpg']);
    expect(result.problems).toEqual([{ name: 'd.jpg', code: 'too_many_files' }]);
  });

  it('keeps the couple within its storage, counting uploads still on their way', () => {
    const picked = [file('a.jpg', 6 * MB), file('b.jpg', 6 * MB)];
    expect(checkFiles([], picked, limits).problems).toEqual([
      { name: 'b.jpg', code: 'storage_quota_exceeded' },
    ]);
    expect(checkFiles([], picked, limits, 7 * MB).problems).toEqual([
      { name: 'a.jpg', code: 'storage_quota_exceeded' },
      { name: 'b.jpg', code: 'storage_quota_exceeded' },
    ]);
  });

  it('before the server has said, checks only the count and emptiness', () => {
    const many = Array.from({ length: 31 }, (_, i) => file(`${i}.jpg`, 10 ** 10));
    const result = checkFiles([], many, defaultFileLimits);
    expect(result.accepted).toHaveLength(30);
    expect(result.problems).toEqual([{ name: '30.jpg', code: 'too_many_files' }]);
  });
});

describe('summariseProblems', () => {
  it('names each refused file, but says "too many" and "full" once', () => {
    expect(
      summariseProblems([
        { name: 'a', code: 'file_too_large' },
        { name: 'b', code: 'file_too_large' },
        { name: 'c', code: 'too_many_files' },
        { name: 'd', code: 'too_many_files' },
      ]),
    ).toEqual([
      { name: 'a', code: 'file_too_large' },
      { name: 'b', code: 'file_too_large' },
      { name: 'c', code: 'too_many_files' },
    ]);
  });
});
