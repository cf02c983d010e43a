import type { CoupleDto } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useMe } from '../features/auth/hooks';
import { ChatView } from '../features/chat/ChatView';

export function ChatPage({ couple }: { couple: CoupleDto }) {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.chat'));
  const me = useMe().data;
  if (!me) return null;
  // A new couple (or a new partner) starts with a fresh chat state and outbox.
  return <ChatView key={couple.id} couple={couple} myId={me.id} />;
}
