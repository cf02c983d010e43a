import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { LoadingScreen } from '../../components/LoadingScreen';
import { formErrorMessage } from '../../i18n/errorMessages';
import { useNow } from '../../lib/useNow';
import { ArchiveFilters, type PrincipleChoice } from './ArchiveFilters';
import { archiveFilter, groupAskings } from './archive';
import { useDebounced, useQuestionArchive } from './hooks';
import { QuestionGroupCard } from './QuestionGroupCard';

// Typing pauses this long before the archive is searched.
const searchDelayMs = 300;

interface QuestionArchiveProps {
  myId: string;
  partnerName: string;
  timeZone: string;
}

/** Every question asked, newest first, grouped so one asked again shows its answers over time. */
export function QuestionArchive(props: QuestionArchiveProps) {
  const { t } = useTranslation();
  const [principle, setPrinciple] = useState<PrincipleChoice>('all');
  const [search, setSearch] = useState('');
  const query = useDebounced(search, searchDelayMs);
  const filter = useMemo(() => archiveFilter(principle, query), [principle, query]);
  const archive = useQuestionArchive(filter);
  const groups = useMemo(
    () => groupAskings(archive.data?.pages.flatMap((page) => page.questions) ?? []),
    [archive.data],
  );
  // Dates show the year only when it is not this one; a stale year until midnight is fine.
  const now = useNow(60 * 60_000);
  const filtered = filter.principle !== undefined || filter.q !== undefined;

  return (
    <>
      <ArchiveFilters
        principle={principle}
        onPrinciple={setPrinciple}
        search={search}
        onSearch={setSearch}
      />
      {archive.isPending && <LoadingScreen />}
      {archive.isError && (
        <Banner tone="error">
          <p>{formErrorMessage(t, archive.error)}</p>
          <button type="button" className="text-button" onClick={() => archive.refetch()}>
            {t('app.retry')}
          </button>
        </Banner>
      )}
      {archive.isSuccess && groups.length === 0 && <EmptyArchive filtered={filtered} />}
      {groups.length > 0 && (
        <ol
          className="question-groups"
          aria-label={t('questions.archive.results')}
          aria-busy={archive.isPlaceholderData || undefined}
        >
          {groups.map((group) => (
            <QuestionGroupCard key={group.questionId} group={group} now={now} {...props} />
          ))}
        </ol>
      )}
      {archive.hasNextPage && (
        <button
          type="button"
          className="button button-secondary archive-more"
          disabled={archive.isFetchingNextPage}
          aria-busy={archive.isFetchingNextPage || undefined}
          onClick={() => void archive.fetchNextPage()}
        >
          {archive.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
          {t('questions.archive.more')}
        </button>
      )}
    </>
  );
}

function EmptyArchive({ filtered }: { filtered: boolean }) {
  const { t } = useTranslation();
  if (filtered) {
    return (
      <p className="archive-empty muted" role="status">
        {t('questions.archive.noResults')}
      </p>
    );
  }
  return (
    <section className="card archive-empty-card" aria-labelledby="archive-empty-title">
      <h2 id="archive-empty-title" className="section-title">
        {t('questions.archive.emptyTitle')}
      </h2>
      <p className="muted">{t('questions.archive.emptyText')}</p>
    </section>
  );
}
