import type { AttachmentVariant } from '@couple-chat/protocol';

/**
 * Where a couple's blobs live in storage. Keys are made of opaque ids only (never a user's file
 * name), and everything of a couple sits under one prefix so it can be removed at once.
 */
export const couplePrefix = (coupleId: string) => `couples/${coupleId}/`;

export const attachmentPrefix = (coupleId: string, attachmentId: string) =>
  `${couplePrefix(coupleId)}${attachmentId}/`;

export const variantKey = (coupleId: string, attachmentId: string, variant: AttachmentVariant) =>
  `${attachmentPrefix(coupleId, attachmentId)}${variant}`;

/** One stored piece of an upload in progress; the nonce keeps two racing writers apart. */
export const chunkKey = (coupleId: string, attachmentId: string, offset: number, nonce: string) =>
  `${attachmentPrefix(coupleId, attachmentId)}chunks/${offset}-${nonce}`;
