import { RANKING_SIZES, type RankingSize } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';

interface RankingSizePickerProps {
  value: RankingSize | undefined;
  onChange(size: RankingSize): void;
}

/** Top 3 / 5 / 10 as one segmented control; radio buttons underneath, so arrow keys work. */
export function RankingSizePicker({ value, onChange }: RankingSizePickerProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="segmented" disabled={value === undefined}>
      <legend className="visually-hidden">{t('words.size.legend')}</legend>
      {RANKING_SIZES.map((size) => (
        <label key={size} className="segment">
          <input
            type="radio"
            name="ranking-size"
            className="segment-input"
            value={size}
            checked={value === size}
            onChange={() => onChange(size)}
          />
          <span>{t('words.size.option', { size })}</span>
        </label>
      ))}
    </fieldset>
  );
}
