import type { Principle } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';

/** Which of the three kinds of understanding a question serves; the couple's own say so. */
export function PrincipleTag({ principle }: { principle: Principle | null }) {
  const { t } = useTranslation();
  return (
    <span className={`principle-tag principle-tag-${principle ?? 'custom'}`}>
      {t(`questions.principle.${principle ?? 'custom'}`)}
    </span>
  );
}
