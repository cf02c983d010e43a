import { POSTER_MAX_BYTES } from '@couple-chat/protocol';

const posterMaxSide = 1280;
const stepTimeoutMs = 8000;

function once(target: HTMLVideoElement, event: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no ${event}`)), stepTimeoutMs);
    const onEvent = () => done();
    const onError = () => done(new Error('video error'));
    function done(error?: Error) {
      clearTimeout(timer);
      target.removeEventListener(event, onEvent);
      target.removeEventListener('error', onError);
      if (error) reject(error);
      else resolve();
    }
    target.addEventListener(event, onEvent);
    target.addEventListener('error', onError);
  });
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/**
 * A video's first frame (at 0.1 s, past a black first frame) as a JPEG within the poster limit,
 * drawn by this browser so the partner sees a picture before playing; null when it cannot be.
 */
export async function videoPoster(file: Blob): Promise<Blob | null> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  try {
    const loaded = once(video, 'loadeddata');
    video.src = url;
    await loaded;
    const seeked = once(video, 'seeked');
    video.currentTime = Math.min(0.1, (video.duration || 0) / 2);
    await seeked;
    const scale = Math.min(1, posterMaxSide / Math.max(video.videoWidth, video.videoHeight, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(video.videoWidth * scale));
    canvas.height = Math.max(1, Math.round(video.videoHeight * scale));
    canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.82, 0.6, 0.4]) {
      const blob = await toBlob(canvas, quality);
      if (blob && blob.size <= POSTER_MAX_BYTES) return blob;
    }
    return null;
  } catch {
    return null;
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}
