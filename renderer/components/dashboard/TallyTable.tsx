import { useTranslation } from 'react-i18next';
import type { Formatters } from './format';
import type { TallyLine } from './figures';
import { Meter } from './Meter';

interface Props {
  caption: string;
  /** The first column's heading (Catégorie, Pays…). */
  heading: string;
  lines: TallyLine[];
  format: Formatters;
  testId: string;
}

/** Arrived against expected for each line, with its share as a bar and a percentage. */
export function TallyTable({ caption, heading, lines, format, testId }: Props) {
  const { t } = useTranslation('dashboard');
  return (
    <div className="table-scroll dash-table-scroll">
      <table className="table dash-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="dash-num">
              {t('table.arrived')}
            </th>
            <th scope="col" className="dash-num">
              {t('table.expected')}
            </th>
            <th scope="col" className="dash-share-col">
              {t('table.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.key} className={line.rest ? 'dash-rest' : undefined} data-key={line.key} data-arrived={line.arrived} data-expected={line.expected}>
              <th scope="row">{line.label}</th>
              <td className="dash-num">{format.number(line.arrived)}</td>
              <td className="dash-num">{format.number(line.expected)}</td>
              <td>
                <span className="dash-share">
                  <Meter part={line.arrived} whole={line.expected} />
                  <span className="dash-share-text">{format.percent(line.arrived, line.expected)}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
