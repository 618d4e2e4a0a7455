import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraState } from './useCamera';

interface Props {
  videoRef: RefObject<HTMLVideoElement | null>;
  state: CameraState;
  onRetry(): void;
}

/** The live picture with its aiming square, or the reason there is no picture and a way out. */
export function CameraView({ videoRef, state, onRetry }: Props) {
  const { t } = useTranslation('scan');
  return (
    <div className="scan-camera" data-camera={state.status === 'problem' ? state.problem : state.status}>
      <video ref={videoRef} className="scan-video" muted playsInline autoPlay aria-hidden="true" hidden={state.status === 'problem'} />
      {state.status === 'live' && <div className="scan-aim" aria-hidden="true" />}
      <div className="scan-camera-status">
        {state.status === 'starting' && <p role="status">{t('camera.starting')}</p>}
        {state.status === 'live' && <p className="scan-camera-live">{t('camera.live')}</p>}
        {state.status === 'problem' && (
          <div className="notice notice-error scan-camera-problem" role="alert" data-testid="camera-problem">
            <p>{t(`camera.${state.problem}`)}</p>
            {state.problem !== 'unsupported' && (
              <button type="button" className="button" onClick={onRetry}>
                {t('camera.retry')}
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
