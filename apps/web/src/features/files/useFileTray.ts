import type { AttachmentKind } from '@couple-chat/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { checkFiles, type FileLimits, type FileProblem, summariseProblems } from './checks';
import { canPreview, kindOfFile } from './kinds';

/** A file chosen for the next message, shown in the tray above the composer. */
export interface TrayItem {
  key: string;
  file: File;
  kind: AttachmentKind;
  /** A local URL for the preview, when this browser can draw the file. */
  url: string | null;
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
}

export interface Measured {
  width: number;
  height: number;
  durationMs?: number | undefined;
}

/**
 * The files chosen for the next message (from the picker, a drop or a paste), checked against the
 * limits as they come, with the problems of the last pick.
 */
export function useFileTray(limits: FileLimits, pendingBytes: number) {
  const [items, setItems] = useState<TrayItem[]>([]);
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const current = useRef(items);
  current.current = items;

  const add = useCallback(
    (picked: readonly File[]) => {
      if (picked.length === 0) return;
      const chosen = current.current.map((item) => item.file);
      const checked = checkFiles(chosen, picked, limits, pendingBytes);
      setProblems(summariseProblems(checked.problems));
      if (checked.accepted.length === 0) return;
      const added = checked.accepted.map(
        (file): TrayItem => ({
          key: crypto.randomUUID(),
          file,
          kind: kindOfFile(file),
          url: canPreview(file) ? URL.createObjectURL(file) : null,
        }),
      );
      current.current = [...current.current, ...added];
      setItems(current.current);
    },
    [limits, pendingBytes],
  );

  const remove = useCallback((key: string) => {
    const item = current.current.find((i) => i.key === key);
    if (item?.url) URL.revokeObjectURL(item.url);
    current.current = current.current.filter((i) => i.key !== key);
    setItems(current.current);
    setProblems([]);
  }, []);

  const measure = useCallback((key: string, measured: Measured) => {
    current.current = current.current.map((i) => (i.key === key ? { ...i, ...measured } : i));
    setItems(current.current);
  }, []);

  /** Empties the tray (the files were sent, or given up). */
  const clear = useCallback(() => {
    for (const item of current.current) if (item.url) URL.revokeObjectURL(item.url);
    current.current = [];
    setItems([]);
    setProblems([]);
  }, []);

  useEffect(
    () => () => {
      for (const item of current.current) if (item.url) URL.revokeObjectURL(item.url);
    },
    [],
  );

  return { items, problems, add, remove, measure, clear, dismiss: () => setProblems([]) };
}

export type FileTray = ReturnType<typeof useFileTray>;
