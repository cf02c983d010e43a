import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtime } from './hooks';

// Short blips (a server restart, a couple forming) pass without a word.
const quietMs = 2000;

/** A calm line that appears only while live updates are paused; no line means all is well. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const { status } = useRealtime();
  const waiting = status === 'connecting' || status === 'reconnecting' ? status : null;
  const [shown, setShown] = useState<'connecting' | 'reconnecting' | null>(null);

  useEffect(() => {
    if (!waiting) {
      setShown(null);
      return;
    }
    const timer = setTimeout(() => setShown(waiting), quietMs);
    return () => clearTimeout(timer);
  }, [waiting]);

  return (
    <div className="connection-indicator" role="status">
      {shown && (
        <p className="connection-indicator-text">
          <span className="connection-dot" aria-hidden="true" />
          {t(`realtime.${shown}`)}
        </p>
      )}
    </div>
  );
}
