import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePairingLink } from '../../../main/core/sync/pairing-link';
import { cameraProblemOf, openCamera, stopStream } from '../../scan/browser/camera';
import { createFallbackDecoder } from '../../scan/browser/decoders';
import { grabRegion, startFrameLoop } from '../../scan/browser/frames';

interface Props {
  onFound(link: { url: string; code: string }): void;
  onClose(): void;
}

/**
 * Reads the hub's pairing QR with the camera, through the scan screen's own pieces (camera,
 * frame loop, decoder). Only a pairing text (accueil-pair:…) ends it: a badge held up by
 * mistake is ignored.
 */
export function PairingQrScanner({ onFound, onClose }: Props) {
  const { t } = useTranslation(['syncui', 'scan']);
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopLoop: (() => void) | null = null;
    let cancelled = false;
    const canvas = document.createElement('canvas');
    const decoder = createFallbackDecoder();
    void (async () => {
      try {
        const opened = await openCamera(null);
        stream = opened.stream;
        if (cancelled || !video.current) return stopStream(stream);
        video.current.srcObject = stream;
        await video.current.play();
        stopLoop = startFrameLoop(video.current, async () => {
          const image = video.current ? grabRegion(video.current, canvas) : null;
          if (!image) return;
          const codes = await decoder.decode(image).catch(() => []);
          for (const code of codes) {
            const link = parsePairingLink(code.text);
            if (link && !cancelled) {
              cancelled = true;
              stopLoop?.();
              stopStream(stream);
              onFound(link);
              return;
            }
          }
        });
      } catch (error) {
        if (!cancelled) setProblem(cameraProblemOf(error));
      }
    })();
    return () => {
      cancelled = true;
      stopLoop?.();
      stopStream(stream);
    };
  }, [onFound]);

  return (
    <div className="pairing-scanner" data-testid="pairing-scanner">
      <p role="status">{problem ? t(`scan:camera.${problem}`) : t('syncui:client.scanning')}</p>
      <video ref={video} muted playsInline width={320} height={240} />
      <button type="button" className="button button-secondary" onClick={onClose}>
        {t('syncui:client.scanStop')}
      </button>
    </div>
  );
}
