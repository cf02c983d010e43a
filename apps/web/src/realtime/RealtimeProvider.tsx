import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useEffect, useState } from 'react';
import { useMe } from '../features/auth/hooks';
import { browserSocket, realtimeUrl } from './browserSocket';
import { RealtimeConnection } from './connection';
import { wireQueries } from './queries';

export const RealtimeContext = createContext<RealtimeConnection | null>(null);

/** Owns the app's one socket: open while someone is signed in, closed after log-out. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const userId = useMe().data?.id;
  const [connection] = useState(
    () => new RealtimeConnection({ url: realtimeUrl, createSocket: browserSocket }),
  );

  useEffect(() => wireQueries(connection, queryClient), [connection, queryClient]);

  useEffect(() => {
    if (!userId) return;
    connection.start();
    return () => connection.stop();
  }, [connection, userId]);

  useEffect(() => {
    const retry = () => {
      if (document.visibilityState === 'visible') connection.retryNow();
    };
    // A frame written into a dead socket is lost silently; unsent messages should wait as pending.
    const lost = () => connection.networkLost();
    window.addEventListener('online', retry);
    window.addEventListener('offline', lost);
    document.addEventListener('visibilitychange', retry);
    return () => {
      window.removeEventListener('online', retry);
      window.removeEventListener('offline', lost);
      document.removeEventListener('visibilitychange', retry);
    };
  }, [connection]);

  return <RealtimeContext value={connection}>{children}</RealtimeContext>;
}
