import { AttachmentId, ErrorBody, UPLOADS_PATH } from '@couple-chat/protocol';
import { type DetailedError, Upload } from 'tus-js-client';
import type { StartTransfer, UploadErrorCode } from './uploads';

const chunkSize = 8 * 1024 * 1024;
// A dropped connection is retried after these pauses (ms) before the file shows as failed.
const retryDelays = [0, 1000, 3000, 5000, 10000];
// Retried besides network failures and 5xx: a lock or offset conflict (tus resumes) and rate limits.
const retriedStatuses = new Set([409, 423, 429]);

/** The attachment's id is the last segment of the upload's URL (`Location: /api/uploads/<id>`). */
export function attachmentIdFromUrl(url: string | null): string | null {
  if (!url) return null;
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const segment = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  return AttachmentId.safeParse(segment).success ? segment : null;
}

/** The code of a failed tus request: the server's ErrorBody, else what the status suggests. */
export function uploadErrorCode(status: number, body: string | undefined): UploadErrorCode {
  if (status === 0) return 'network_error';
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(body ?? ''));
    if (parsed.success) return parsed.data.error.code;
  } catch {
    // Not our JSON: a proxy or load balancer answered.
  }
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'network_error';
  if (status >= 500) return 'internal_error';
  return 'unexpected_response';
}

function codeOf(error: Error | DetailedError): UploadErrorCode {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  if (!response) return 'network_error';
  return uploadErrorCode(response.getStatus(), response.getBody());
}

/**
 * Sends one file with tus 1.0 to our own endpoint (the session cookie authenticates). An upload
 * of the same file interrupted earlier (closed tab, lost network) resumes from what the server
 * already has. The last PATCH returns once the server has processed the file.
 */
export const startTusTransfer: StartTransfer = (file, callbacks) => {
  const metadata: Record<string, string> = { filename: file.name || 'file' };
  if (file.type) metadata.filetype = file.type;
  const upload = new Upload(file, {
    endpoint: new URL(UPLOADS_PATH, window.location.origin).href,
    chunkSize,
    retryDelays,
    metadata,
    // A finished upload belongs to its message; the same file sent again is a new upload.
    removeFingerprintOnSuccess: true,
    onShouldRetry: (error) => {
      const status = error.originalResponse?.getStatus() ?? 0;
      const retriable = status === 0 || status >= 500 || retriedStatuses.has(status);
      return retriable && navigator.onLine !== false;
    },
    onProgress: (sent, total) => callbacks.onProgress(total > 0 ? sent / total : 0),
    onSuccess: () => {
      const id = attachmentIdFromUrl(upload.url);
      if (id) callbacks.onSuccess(id);
      else callbacks.onError('unexpected_response');
    },
    onError: (error) => callbacks.onError(codeOf(error)),
  });
  let aborted = false;
  void upload
    .findPreviousUploads()
    .then((previous) => {
      if (aborted) return;
      const newest = [...previous].sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
      if (newest) upload.resumeFromPreviousUpload(newest);
      upload.start();
    })
    .catch(() => {
      if (!aborted) upload.start();
    });
  return {
    abort(terminate) {
      aborted = true;
      upload.abort(terminate).catch(() => undefined);
    },
  };
};

/** Asks the server to drop an upload no message will carry; the server also sweeps leftovers. */
export function terminateUpload(attachmentId: string): void {
  const url = `${UPLOADS_PATH}/${encodeURIComponent(attachmentId)}`;
  void fetch(url, {
    method: 'DELETE',
    credentials: 'same-origin',
    headers: { 'Tus-Resumable': '1.0.0' },
  }).catch(() => undefined);
}
