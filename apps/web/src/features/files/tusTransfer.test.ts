import { describe, expect, it } from 'vitest';
import { attachmentIdFromUrl, uploadErrorCode } from './tusTransfer';

const id = '0a1b2c3d-0000-4000-8000-00000000abcd';

describe('attachmentIdFromUrl', () => {
  it('takes the last path segment of the upload URL', () => {
    expect(attachmentIdFromUrl(`http://127.0.0.1:3000/api/uploads/${id}`)).toBe(id);
    expect(attachmentIdFromUrl(`/api/uploads/${id}?x=1`)).toBe(id);
  });

  it('refuses anything that is not an attachment id', () => {
    expect(attachmentIdFromUrl(null)).toBeNull();
    expect(attachmentIdFromUrl('/api/uploads/')).toBeNull();
    expect(attachmentIdFromUrl('/api/uploads/../../etc/passwd')).toBeNull();
  });
});

describe('uploadErrorCode', () => {
  it('reads the server’s error code from its JSON body', () => {
    const body = JSON.stringify({ error: { code: 'file_type_mismatch', message: 'x' } });
    expect(uploadErrorCode(415, body)).toBe('file_type_mismatch');
    const quota = JSON.stringify({ error: { code: 'storage_quota_exceeded', message: 'x' } });
    expect(uploadErrorCode(413, quota)).toBe('storage_quota_exceeded');
  });

  it('falls back on the status when a proxy answered, and on the network when nothing did', () => {
    expect(uploadErrorCode(0, undefined)).toBe('network_error');
    expect(uploadErrorCode(413, '<html>Request Entity Too Large</html>')).toBe('payload_too_large');
    expect(uploadErrorCode(502, '')).toBe('network_error');
    expect(uploadErrorCode(500, '')).toBe('internal_error');
    expect(uploadErrorCode(400, 'nope')).toBe('unexpected_response');
  });
});
