import { Principle } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';

export type PrincipleChoice = Principle | 'all';
const choices: readonly PrincipleChoice[] = ['all', ...Principle.options];

interface ArchiveFiltersProps {
  principle: PrincipleChoice;
  onPrinciple(principle: PrincipleChoice): void;
  search: string;
  onSearch(search: string): void;
}

/** A search box over questions and answers, and one kind of question or all. */
export function ArchiveFilters(props: ArchiveFiltersProps) {
  const { t } = useTranslation();
  return (
    <div className="archive-filters">
      <TextField
        name="q"
        type="search"
        label={t('questions.archive.search')}
        value={props.search}
        maxLength={100}
        autoComplete="off"
        enterKeyHint="search"
        onChange={(event) => props.onSearch(event.target.value)}
      />
      <fieldset className="chips">
        <legend className="visually-hidden">{t('questions.archive.filter')}</legend>
        {choices.map((choice) => (
          <label key={choice} className="chip">
            <input
              type="radio"
              name="principle"
              className="chip-input"
              value={choice}
              checked={props.principle === choice}
              onChange={() => props.onPrinciple(choice)}
            />
            <span className="chip-label">
              {choice === 'all' ? t('questions.archive.all') : t(`questions.principle.${choice}`)}
            </span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
