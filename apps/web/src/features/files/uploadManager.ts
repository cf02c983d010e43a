import { putPoster } from './api';
import { kindOfFile } from './kinds';
import { videoPoster } from './poster';
import { startTusTransfer, terminateUpload } from './tusTransfer';
import { UploadManager } from './uploads';

let instance: UploadManager | undefined;

/** The app's one upload manager (tus, a poster for each video), made on first use. */
export function uploadManager(): UploadManager {
  if (instance) return instance;
  const manager = new UploadManager({
    start: startTusTransfer,
    // Best effort: without its poster a video still goes out, with the server's placeholder.
    finish: async (file, attachmentId) => {
      if (kindOfFile(file) !== 'video') return;
      const poster = await videoPoster(file);
      if (poster) await putPoster(attachmentId, poster);
    },
    discard: terminateUpload,
  });
  window.addEventListener('online', () => manager.retryNetworkFailures());
  instance = manager;
  return manager;
}
