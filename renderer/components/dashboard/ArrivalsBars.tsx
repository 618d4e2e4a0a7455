/**
 * The recharts part of the arrivals chart, in a module of its own: the chart library is loaded
 * (from the bundle, no network) only when the dashboard is opened, not with the welcome desk's screens.
 */
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Slot } from './figures';
import type { Formatters } from './format';

interface Props {
  data: Slot[];
  title: string;
  format: Formatters;
}

export const chartHeight = 260;

export default function ArrivalsBars({ data, title, format }: Props) {
  const { t } = useTranslation('dashboard');
  return (
    <ResponsiveContainer width="100%" height={chartHeight}>
      <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} title={title} desc={t('chart.desc')}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#c3c9d2" />
        <XAxis dataKey="label" tick={{ fill: '#3b4350', fontSize: 13 }} interval="preserveStartEnd" minTickGap={12} />
        <YAxis allowDecimals={false} tick={{ fill: '#3b4350', fontSize: 13 }} width={44} tickFormatter={(value: number) => format.number(value)} />
        <Tooltip
          cursor={{ fill: '#e6eefb' }}
          formatter={(value) => [format.number(Number(value)), t('chart.arrivals')]}
          labelFormatter={(label) => t('chart.slot', { time: String(label) })}
        />
        {/* No animation: the chart is redrawn every 2 s and must not flicker. */}
        <Bar dataKey="count" name={t('chart.arrivals')} fill="#0b3d91" isAnimationActive={false} radius={[4, 4, 0, 0]} />
      </BarChart>
    </ResponsiveContainer>
  );
}
