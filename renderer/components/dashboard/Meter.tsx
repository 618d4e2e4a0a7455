import { share } from './format';

interface Props {
  part: number;
  whole: number;
  /** 'full' paints the bar as a room at capacity. */
  tone?: 'normal' | 'high' | 'full';
}

/**
 * A horizontal bar for a part of a whole. Decorative: the figures beside it carry the meaning
 * for screen readers (a table cell or a caption), so it is hidden from them.
 */
export function Meter({ part, whole, tone = 'normal' }: Props) {
  return (
    <span className={`dash-meter dash-meter-${tone}`} aria-hidden="true">
      <span className="dash-meter-fill" style={{ width: `${(share(part, whole) * 100).toFixed(1)}%` }} />
    </span>
  );
}
