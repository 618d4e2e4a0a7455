import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const pxPerMm = 96 / 25.4;

interface Props {
  html: string;
  /** Page size in millimetres. */
  page: { width: number; height: number };
  title: string;
}

/**
 * The badge document in a sandboxed frame (`sandbox=""`: no script, no same-origin access, no
 * navigation), drawn at its real size in CSS pixels and scaled down to fit its box, so what
 * staff see has the printed badge's proportions.
 */
export function BadgePreview({ html, page, title }: Props) {
  const { t } = useTranslation('badges');
  const box = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(360);
  const width = page.width * pxPerMm;
  const height = page.height * pxPerMm;

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setAvailable(element.clientWidth || 360);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Fits the width of the box, and never taller than 70 % of the window (an A4 sheet is tall).
  const maxHeight = Math.max(240, window.innerHeight * 0.7);
  const scale = Math.min(1, available / width, maxHeight / height);
  return (
    <div ref={box} className="badge-preview-box">
      <div
        className="badge-preview-frame"
        style={{ width: `${width * scale}px`, height: `${height * scale}px` }}
        data-testid="badge-preview"
        data-scale={scale.toFixed(3)}
        data-aspect={(page.width / page.height).toFixed(3)}
      >
        <iframe
          title={title}
          sandbox=""
          srcDoc={html}
          tabIndex={-1}
          style={{ width: `${width}px`, height: `${height}px`, transform: `scale(${scale})`, transformOrigin: '0 0' }}
        />
      </div>
      <p className="help">{t('preview.size', { width: page.width, height: page.height })}</p>
    </div>
  );
}
