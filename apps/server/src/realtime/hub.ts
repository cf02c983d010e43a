import type { CoupleEventDto, UserNotice } from '@couple-chat/protocol';
import type { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';

/**
 * What travels between instances: a couple's logged event, a personal "refetch" notice, or the
 * partner's ephemeral signals (typing, presence).
 */
export type HubMessage =
  | ({ kind: 'couple-event'; coupleId: string } & CoupleEventDto)
  | { kind: 'notice'; notice: UserNotice }
  /** Ephemeral: passed to the partner's sockets, never logged. */
  | { kind: 'typing'; coupleId: string; userId: string; typing: boolean }
  /**
   * Ephemeral: one socket of `userId` has the app open (`online`) or closed it. Re-announced every
   * heartbeat, so a socket whose instance died ages out on the partner's side.
   */
  | {
      kind: 'presence';
      coupleId: string;
      userId: string;
      connectionId: string;
      online: boolean;
    }
  /** Ephemeral: a socket of `userId` just joined; the partner's sockets announce themselves. */
  | { kind: 'presence.query'; coupleId: string; userId: string };

export const coupleTopic = (coupleId: string) => `couple:${coupleId}`;
export const userTopic = (userId: string) => `user:${userId}`;

/**
 * Fan-out after commit (DESIGN.md invariant 3). Delivery is best effort: a subscriber that misses a
 * message catches up from the couple's log by seq.
 */
export interface Hub {
  publish(topic: string, message: HubMessage): Promise<void>;
  subscribe(topic: string, listener: (message: HubMessage) => void): Subscription;
  close(): Promise<void>;
}

export interface Subscription {
  /** Resolves once messages published from now on are certain to arrive (Redis confirmed SUBSCRIBE). */
  ready: Promise<void>;
  unsubscribe(): void;
}

class Listeners {
  private readonly byTopic = new Map<string, Set<(m: HubMessage) => void>>();

  /** Adds a listener; returns true when it is the topic's first. */
  add(topic: string, listener: (m: HubMessage) => void): boolean {
    let set = this.byTopic.get(topic);
    const first = !set;
    if (!set) {
      set = new Set();
      this.byTopic.set(topic, set);
    }
    set.add(listener);
    return first;
  }

  /** Removes a listener; returns true when the topic has none left. */
  remove(topic: string, listener: (m: HubMessage) => void): boolean {
    const set = this.byTopic.get(topic);
    if (!set) return false;
    set.delete(listener);
    if (set.size > 0) return false;
    this.byTopic.delete(topic);
    return true;
  }

  deliver(topic: string, message: HubMessage, logger: Logger) {
    for (const listener of this.byTopic.get(topic) ?? []) {
      try {
        listener(message);
      } catch (err) {
        logger.error({ err, topic }, 'hub listener failed');
      }
    }
  }
}

/** One instance: deliver in process. */
export function createMemoryHub(logger: Logger): Hub {
  const listeners = new Listeners();
  return {
    async publish(topic, message) {
      listeners.deliver(topic, message, logger);
    },
    subscribe(topic, listener) {
      listeners.add(topic, listener);
      return { ready: Promise.resolve(), unsubscribe: () => listeners.remove(topic, listener) };
    },
    async close() {},
  };
}

/** Many instances: Redis pub/sub, one channel per topic, subscribed only while someone listens. */
export function createRedisHub(publisher: Redis, prefix: string, logger: Logger): Hub {
  const subscriber = publisher.duplicate();
  const listeners = new Listeners();
  const confirmed = new Map<string, Promise<void>>();
  subscriber.on('message', (channel: string, raw: string) => {
    if (!channel.startsWith(prefix)) return;
    let message: HubMessage;
    try {
      message = JSON.parse(raw) as HubMessage;
    } catch {
      return;
    }
    listeners.deliver(channel.slice(prefix.length), message, logger);
  });
  subscriber.on('error', (err) => logger.warn({ err }, 'redis subscriber error'));
  return {
    async publish(topic, message) {
      await publisher.publish(prefix + topic, JSON.stringify(message));
    },
    subscribe(topic, listener) {
      if (listeners.add(topic, listener)) {
        const ready = subscriber.subscribe(prefix + topic).then(
          () => {},
          (err: unknown) => logger.error({ err, topic }, 'subscribe failed'),
        );
        confirmed.set(topic, ready);
      }
      return {
        ready: confirmed.get(topic) ?? Promise.resolve(),
        unsubscribe: () => {
          if (listeners.remove(topic, listener)) {
            confirmed.delete(topic);
            subscriber.unsubscribe(prefix + topic).catch(() => {});
          }
        },
      };
    },
    async close() {
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
