// What bench:search switches off to measure what the search index adds to storing a message: its
// two writes (the index itself and the day index), in the thread that imports this.
import { MessageDayRepository } from '../apps/server/src/models/message-day.repository.js';
import { MessageSearchRepository } from '../apps/server/src/models/message-search.repository.js';

const writes = {
  add: MessageSearchRepository.prototype.add,
  record: MessageDayRepository.prototype.record,
};

export function setSearchIndexing(on: boolean): void {
  MessageSearchRepository.prototype.add = on ? writes.add : async () => {};
  MessageDayRepository.prototype.record = on ? writes.record : async () => {};
}
