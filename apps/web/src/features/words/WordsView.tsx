import type { CoupleDto } from '@couple-chat/protocol';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { LoadingScreen } from '../../components/LoadingScreen';
import { formErrorMessage } from '../../i18n/errorMessages';
import { ExclusionsCard } from './ExclusionsCard';
import { useRankingSize, useWordRanking } from './hooks';
import { RankingBoard } from './RankingBoard';
import { RankingSizePicker } from './RankingSizePicker';
import { formatWindow } from './ranking';
import { useWordExclusions } from './useWordExclusions';
import { WordsSnackbar } from './WordsSnackbar';

/** The last 7 days in words: each partner's and both together, and the words left out. */
export function WordsView({ couple, myId }: { couple: CoupleDto; myId: string }) {
  const { t } = useTranslation();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const size = useRankingSize();
  const ranking = useWordRanking(size.choice);
  const exclusions = useWordExclusions(myId);
  const partnerName = couple.partner.displayName;
  const shownTop = size.choice ?? ranking.data?.top;
  const range = ranking.data && formatWindow(ranking.data.from, ranking.data.to, t('app.locale'));

  function undo(words: string[]) {
    void exclusions.restore(words);
    // The undo button goes away with the snackbar; the page title is a calm place to land.
    titleRef.current?.focus({ preventScroll: true });
  }

  return (
    <div className="stack words-page">
      <header className="page-header words-header">
        <div className="words-heading">
          <h1 ref={titleRef} className="page-title" tabIndex={-1}>
            {t('words.title')}
          </h1>
          {range && <p className="words-range">{t('words.range', range)}</p>}
          <p className="muted">{t('words.intro')}</p>
        </div>
        <RankingSizePicker value={shownTop} onChange={(top) => size.choose(top, shownTop)} />
      </header>
      {size.error && <Banner tone="error">{formErrorMessage(t, size.error)}</Banner>}
      {ranking.isPending && <LoadingScreen />}
      {ranking.isError && !ranking.data && (
        <Banner tone="error">
          <p>{formErrorMessage(t, ranking.error)}</p>
          <button type="button" className="text-button" onClick={() => ranking.refetch()}>
            {t('app.retry')}
          </button>
        </Banner>
      )}
      {ranking.data && (
        <RankingBoard
          ranking={ranking.data}
          partnerName={partnerName}
          onExclude={(word) => void exclusions.exclude([word])}
        />
      )}
      <ExclusionsCard
        myId={myId}
        partnerName={partnerName}
        onExclude={exclusions.exclude}
        onRestore={(words) => void exclusions.restore(words)}
      />
      <WordsSnackbar notice={exclusions.notice} onUndo={undo} onDismiss={exclusions.dismiss} />
    </div>
  );
}
