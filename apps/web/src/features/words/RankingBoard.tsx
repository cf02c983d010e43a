import type { WordRankingResponse } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { isRankingEmpty } from './ranking';
import { WordChart } from './WordChart';

interface RankingBoardProps {
  ranking: WordRankingResponse;
  partnerName: string;
  onExclude(word: string): void;
}

/** Me, my partner and the two of us, side by side on wide screens and one after another on phones. */
export function RankingBoard({ ranking, partnerName, onExclude }: RankingBoardProps) {
  const { t } = useTranslation();
  if (isRankingEmpty(ranking)) return <EmptyRanking />;
  return (
    <div className="word-charts">
      <WordChart
        id="words-me"
        tone="me"
        title={t('words.me')}
        words={ranking.me}
        onExclude={onExclude}
      />
      <WordChart
        id="words-partner"
        tone="partner"
        title={partnerName}
        words={ranking.partner}
        onExclude={onExclude}
      />
      <WordChart
        id="words-together"
        tone="together"
        title={t('words.together')}
        words={ranking.together}
        onExclude={onExclude}
      />
    </div>
  );
}

function EmptyRanking() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="words-empty-title">
      <h2 id="words-empty-title" className="section-title">
        {t('words.emptyTitle')}
      </h2>
      <div className="next-step">
        <svg className="next-step-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 5h16v11H9l-5 4z" />
        </svg>
        <p>{t('words.emptyText')}</p>
      </div>
    </section>
  );
}
