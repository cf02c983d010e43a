import type { FastifyBaseLogger } from 'fastify';
import type { Repositories } from '../models/repositories.js';
import type { BlobStorage } from '../storage/storage.js';

/**
 * Removes blobs whose rows are gone. The transaction that deletes the rows records the prefixes
 * (`blob_deletions`); after commit they are removed here, and whatever failed (storage down, a
 * crash) is retried by the cleanup job — so a blob never outlives its rows for long, and a row never
 * points at a removed blob.
 */
export class BlobReaper {
  constructor(
    private readonly deps: {
      repos: Repositories;
      storage: BlobStorage;
      logger: FastifyBaseLogger;
    },
  ) {}

  async reap(prefixes: readonly string[]): Promise<void> {
    for (const prefix of prefixes) {
      try {
        await this.deps.storage.deletePrefix(prefix);
        await this.deps.repos.blobDeletions.done(prefix);
      } catch (err) {
        this.deps.logger.warn(
          { err, prefix },
          'could not remove blobs yet; the cleanup job retries',
        );
      }
    }
  }

  /** The cleanup job's part: retries what an earlier reap could not finish. */
  async sweep(limit = 100): Promise<number> {
    const prefixes = await this.deps.repos.blobDeletions.oldest(limit);
    await this.reap(prefixes);
    return prefixes.length;
  }
}
