import type { RgbaImage } from '../image';

/** Share of the shorter side the aiming frame covers; only this square is decoded. */
export const aimRatio = 0.8;
/** Larger regions are scaled down to this side before decoding: QR codes need ~3 px per module, not 1080p. */
export const maxDecodeSide = 560;

/** The part of the current video frame inside the aiming square, downscaled, as RGBA. */
export function grabRegion(video: HTMLVideoElement, canvas: HTMLCanvasElement): RgbaImage | null {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) return null;
  const side = Math.round(Math.min(width, height) * aimRatio);
  const target = Math.min(side, maxDecodeSide);
  if (canvas.width !== target) canvas.width = target;
  if (canvas.height !== target) canvas.height = target;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, (width - side) / 2, (height - side) / 2, side, side, 0, 0, target, target);
  return context.getImageData(0, 0, target, target);
}

type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/**
 * Calls `onFrame` once per new video frame (requestVideoFrameCallback; animation frames where
 * it is missing), never twice at once: a slow decode skips frames rather than piling them up.
 * `onFrame` must not throw (the pipeline turns decoder failures into values); if it does, the
 * loop logs and goes on. Returns a stop function.
 */
export function startFrameLoop(video: HTMLVideoElement, onFrame: () => Promise<void>): () => void {
  const target = video as VideoWithFrameCallback;
  let stopped = false;
  let handle = 0;
  const schedule = () => {
    if (stopped) return;
    handle = target.requestVideoFrameCallback ? target.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
  };
  const tick = () => {
    if (stopped) return;
    onFrame()
      .catch((error: unknown) => console.error('scan frame failed', error))
      .finally(schedule);
  };
  schedule();
  return () => {
    stopped = true;
    if (target.cancelVideoFrameCallback) target.cancelVideoFrameCallback(handle);
    else cancelAnimationFrame(handle);
  };
}
