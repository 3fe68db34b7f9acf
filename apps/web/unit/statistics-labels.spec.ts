import { createInstance, type TFunction } from 'i18next';
import {
  STATISTICS_COLUMNS,
  STATISTICS_TABLE_IDS,
  type StatisticsTableId,
} from '@atergang/contracts';
import { en } from '../src/locales/en';
import { sv } from '../src/locales/sv';
import { statisticsLabels } from '../src/views/statistics/statistics-labels';

// Every column the API's statistics can have is named in words in both languages: a raw key
// ("F00-F99", "WITHIN_90") on the page or in the CSV would be a missing label.

async function translator(language: 'sv' | 'en'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    resources: { sv: { translation: sv }, en: { translation: en } },
    lng: language,
    interpolation: { escapeValue: false },
  });
  return i18n.t.bind(i18n);
}

const tablesWithColumns = Object.keys(STATISTICS_COLUMNS) as (keyof typeof STATISTICS_COLUMNS &
  StatisticsTableId)[];

describe('statistics labels', () => {
  it.each(['sv', 'en'] as const)('name every column key of every table in %s', async (language) => {
    const t = await translator(language);
    const labels = statisticsLabels(t, language, 'none');
    const raw = tablesWithColumns.flatMap((id) =>
      STATISTICS_COLUMNS[id]
        .filter((key) => {
          const label = labels.column(id, key);
          return label === key || label.startsWith('statistics.');
        })
        .map((key) => `${id}.${key}`),
    );
    expect(raw).toEqual([]);
  });

  it('name the diagnosis chapters by their ICD-10 range and words', async () => {
    const labels = statisticsLabels(await translator('sv'), 'sv', 'none');
    expect(labels.column('diagnosisChapter', 'F00-F99')).toBe(
      'F00–F99 Psykiska sjukdomar och syndrom samt beteendestörningar',
    );
    expect(labels.column('diagnosisChapter', 'M00-M99')).toMatch(/^M00–M99 Sjukdomar i /);
  });

  it('title every table in both languages', async () => {
    for (const language of ['sv', 'en'] as const) {
      const t = await translator(language);
      const labels = statisticsLabels(t, language, 'none');
      for (const id of STATISTICS_TABLE_IDS) {
        expect(labels.tableTitle(id)).not.toMatch(/^statistics\./);
      }
    }
  });
});
