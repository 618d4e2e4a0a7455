/** Why the camera is not showing, in the words the screen translates (namespace scan, camera.*). */
export type CameraProblem = 'unsupported' | 'denied' | 'noCamera' | 'busy' | 'unplugged' | 'failed';

export interface CameraChoice {
  deviceId: string;
  label: string;
}

export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'noCamera';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

export async function listCameras(): Promise<CameraChoice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === 'videoinput' && device.deviceId)
    .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `#${index + 1}` }));
}

/**
 * Opens the remembered camera, or any camera when that one is gone (unplugged, another
 * computer's id): a kiosk must show a picture rather than an error about a device it no longer has.
 */
export async function openCamera(deviceId: string | null): Promise<{ stream: MediaStream; deviceId: string | null }> {
  if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('getUserMedia is not available'), { name: 'Unsupported' });
  const video: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' };
  let stream: MediaStream;
  if (deviceId) {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { ...video, deviceId: { exact: deviceId } }, audio: false });
    } catch (error) {
      const problem = cameraProblemOf(error);
      if (problem !== 'noCamera' && problem !== 'busy') throw error;
      stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
    }
  } else {
    stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
  }
  const settings = stream.getVideoTracks()[0]?.getSettings();
  return { stream, deviceId: settings?.deviceId ?? null };
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
