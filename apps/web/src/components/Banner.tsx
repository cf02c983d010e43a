import type { ReactNode } from 'react';

interface BannerProps {
  tone: 'error' | 'success' | 'info';
  title?: string | undefined;
  children: ReactNode;
}

/** Form-level messages: errors interrupt (alert), confirmations wait their turn (status). */
export function Banner({ tone, title, children }: BannerProps) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="banner-title">{title}</p>}
      <div>{children}</div>
    </div>
  );
}
