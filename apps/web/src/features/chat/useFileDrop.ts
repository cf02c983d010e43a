import { type DragEvent, useRef, useState } from 'react';

/** Files dragged over the chat (desktop) join the tray when dropped; `add` null refuses them. */
export function useFileDrop(add: ((files: File[]) => void) | null) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; only the outermost pair counts.
  const depth = useRef(0);
  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (!add || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setOver(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!add || !carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop: (event: DragEvent) => {
      depth.current = 0;
      setOver(false);
      if (!add || !carriesFiles(event)) return;
      event.preventDefault();
      add([...event.dataTransfer.files]);
    },
  };
  return { over, handlers };
}
