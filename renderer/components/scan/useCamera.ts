import { useCallback, useEffect, useRef, useState } from 'react';
import { decoderNames, type DecoderName } from '../../scan/decoder';
import { createDedupe } from '../../scan/dedupe';
import { createPipeline, type FrameOutcome } from '../../scan/pipeline';
import { cameraProblemOf, listCameras, openCamera, stopStream, type CameraChoice, type CameraProblem } from '../../scan/browser/camera';
import { createFallbackDecoder, defaultDecoder } from '../../scan/browser/decoders';
import { grabRegion, startFrameLoop } from '../../scan/browser/frames';

export type CameraState = { status: 'starting' } | { status: 'live'; deviceId: string | null } | { status: 'problem'; problem: CameraProblem };

/** A code found by the camera, with the time its frame was grabbed (performance.now()), for the latency mark. */
export interface CameraCode {
  text: string;
  grabbedAt: number;
}

interface Options {
  /** The camera this kiosk remembers (kiosk:configure cameraId); null = any. */
  preferredId: string | null;
  onCode(code: CameraCode): Promise<void>;
  onSeveral(count: number): void;
}

/** Which decoder the kiosk uses: zxing-wasm unless `accueil.scanDecoder` in localStorage names the other. */
function chosenDecoder(): DecoderName {
  const stored = window.localStorage.getItem('accueil.scanDecoder');
  return decoderNames.find((name) => name === stored) ?? defaultDecoder;
}

/**
 * The camera and its decoding loop: opens the stream, shows it in `videoRef`, decodes the aiming
 * square of every new frame, and recovers when the camera comes back (devicechange).
 */
export function useCamera({ preferredId: initialId, onCode, onSeveral }: Options) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [state, setState] = useState<CameraState>({ status: 'starting' });
  const [cameras, setCameras] = useState<CameraChoice[]>([]);
  const [attempt, setAttempt] = useState(0);
  // The remembered camera is asked for first; when it is gone another one is shown, and the
  // remembered choice stays (it may be plugged back in). Only an explicit pick changes it.
  const [preferredId, setPreferredId] = useState(initialId);
  const handlers = useRef({ onCode, onSeveral });
  handlers.current = { onCode, onSeveral };
  const stateRef = useRef(state);
  stateRef.current = state;
  const pipelineRef = useRef<ReturnType<typeof createPipeline> | null>(null);
  pipelineRef.current ??= createPipeline(createFallbackDecoder(chosenDecoder()), createDedupe());

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  const selectCamera = useCallback((deviceId: string | null) => {
    setPreferredId(deviceId);
    setAttempt((value) => value + 1);
  }, []);

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    let stopLoop: (() => void) | null = null;
    setState({ status: 'starting' });
    void (async () => {
      try {
        const opened = await openCamera(preferredId);
        if (cancelled) {
          stopStream(opened.stream);
          return;
        }
        stream = opened.stream;
        const track = stream.getVideoTracks()[0];
        track?.addEventListener('ended', () => {
          if (cancelled) return;
          stopLoop?.();
          stopStream(stream);
          setState({ status: 'problem', problem: 'unplugged' });
        });
        const video = videoRef.current;
        if (!video) return;
        video.srcObject = stream;
        await video.play().catch(() => undefined); // muted video: autoplay is allowed; a rejection only delays the first frame
        setState({ status: 'live', deviceId: opened.deviceId });
        setCameras(await listCameras());
        const canvas = (canvasRef.current ??= document.createElement('canvas'));
        const pipeline = pipelineRef.current!;
        stopLoop = startFrameLoop(video, async () => {
          const grabbedAt = performance.now();
          const image = grabRegion(video, canvas);
          if (!image) return;
          const outcome: FrameOutcome = await pipeline.process(image);
          if (cancelled) return;
          if (outcome.kind === 'code') await handlers.current.onCode({ text: outcome.text, grabbedAt });
          else if (outcome.kind === 'several') handlers.current.onSeveral(outcome.count);
          else if (outcome.kind === 'failed') console.warn('decoder failed on a frame', outcome.error);
        });
      } catch (error) {
        if (cancelled) return;
        const problem: CameraProblem = error instanceof Error && error.name === 'Unsupported' ? 'unsupported' : cameraProblemOf(error);
        setState({ status: 'problem', problem });
        setCameras(await listCameras().catch(() => []));
      }
    })();
    return () => {
      cancelled = true;
      stopLoop?.();
      stopStream(stream);
    };
  }, [preferredId, attempt]);

  // A camera plugged (back) in: retry on our own when there is no picture; refresh the picker always.
  useEffect(() => {
    const devices = navigator.mediaDevices;
    if (!devices?.addEventListener) return;
    const onChange = () => {
      void listCameras().then(setCameras);
      const current = stateRef.current;
      if (current.status === 'problem' && (current.problem === 'unplugged' || current.problem === 'noCamera' || current.problem === 'busy')) retry();
    };
    devices.addEventListener('devicechange', onChange);
    return () => devices.removeEventListener('devicechange', onChange);
  }, [retry]);

  return { videoRef, state, cameras, retry, selectCamera, decoderName: () => pipelineRef.current?.decoder.name ?? defaultDecoder };
}
