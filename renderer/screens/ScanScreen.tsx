import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../main/core/errors';
import type { AttendeeSummary, CheckinOutcome, KioskConfig, ScanMethod } from '../../main/core/types';
import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { CameraView } from '../components/scan/CameraView';
import { ManualCheckin } from '../components/scan/ManualCheckin';
import { PrintFailureAlerts } from '../components/scan/PrintFailureAlerts';
import { useAutoPrints } from '../components/scan/useAutoPrints';
import { fullName } from '../components/names';
import { RecentScans, type RecentScan } from '../components/scan/RecentScans';
import { ScanResultView, useResultTexts, type ShownResult } from '../components/scan/ScanResultView';
import { playTone, toneOf } from '../components/scan/sounds';
import { UndoBar } from '../components/scan/UndoBar';
import { useCamera, type CameraCode } from '../components/scan/useCamera';
import { useWedge } from '../components/scan/useWedge';
import '../components/scan/scan.css';
import { useAppState } from '../hooks/useAppState';
import { formatDate } from '../i18n/format';
import { describeForeignCode, shouldSendToCore } from '../scan/classify';

/** How long a result stays before the screen returns to scanning (green is quicker: nothing to read). */
const resultMs = { ok: 3000, warn: 6000, bad: 6000 } as const;
const noticeMs = 4000;
/** An arrival whose badge is still printing stays up to this long, so a failure is seen with the person still there. */
const printHoldMs = 10_000;
/** Once its print has settled late, the result stays this long more for the final word to be read. */
const printSettledMs = 1500;
const recentCount = 6;

type Notice = { kind: 'text'; text: string } | { kind: 'error'; error: ErrorValue };

interface Pending {
  code: string;
  method: ScanMethod;
  /** performance.now() when the camera frame was grabbed; null for keyboard and search. */
  grabbedAt: number | null;
}

export function ScanScreen() {
  const { t, i18n } = useTranslation('scan');
  const { info } = useAppState();
  const [kiosk, setKiosk] = useState<KioskConfig | null>(null);
  const [failure, setFailure] = useState<ErrorValue | null>(null);

  useEffect(() => {
    void api()['kiosk:get']({}).then((result) => (result.ok ? setKiosk(result.value) : setFailure(result)));
  }, []);

  const configure = useCallback(async (change: Parameters<ReturnType<typeof api>['kiosk:configure']>[0]) => {
    const result = await api()['kiosk:configure'](change);
    if (result.ok) setKiosk(result.value);
    else setFailure(result);
  }, []);

  if (!kiosk) {
    return (
      <section className="screen scan-screen" aria-labelledby="scan-title">
        <h1 id="scan-title">{t('title')}</h1>
        {failure ? <ErrorMessage error={failure} /> : <p role="status">{t('camera.starting')}</p>}
      </section>
    );
  }

  return (
    <ScanDesk
      kiosk={kiosk}
      checkpoints={info.event?.checkpoints ?? []}
      language={i18n.language}
      failure={failure}
      configure={configure}
    />
  );
}

interface DeskProps {
  kiosk: KioskConfig;
  checkpoints: { id: string; name: string }[];
  language: string;
  failure: ErrorValue | null;
  configure(change: { checkpointId?: string; muted?: boolean; cameraId?: string | null }): Promise<void>;
}

function ScanDesk({ kiosk, checkpoints, language, failure, configure }: DeskProps) {
  const { t } = useTranslation('scan');
  const [shown, setShown] = useState<ShownResult | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [overriding, setOverriding] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [undoable, setUndoable] = useState<CheckinOutcome | null>(null);
  const [recent, setRecent] = useState<RecentScan[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [searchText, setSearchText] = useState('');
  const texts = useResultTexts();
  const counter = useRef(0);
  const latency = useRef<number | null>(null);
  const muted = useRef(kiosk.muted);
  muted.current = kiosk.muted;
  const prints = useAutoPrints();
  const watchPrint = prints.watch;

  const show = useCallback(
    (outcome: CheckinOutcome, request: Pending, foreign: ReturnType<typeof describeForeignCode>) => {
      const next: ShownResult = { outcome, foreign, shownAt: performance.now() };
      latency.current = request.grabbedAt;
      setShown(next);
      setPending(outcome.overridable ? request : null);
      setRecent((list) => [{ id: ++counter.current, at: new Date().toISOString(), method: request.method, shown: next }, ...list].slice(0, recentCount));
      if (outcome.result === 'accepted' && outcome.checkinId) setUndoable(outcome);
      if (outcome.result === 'accepted' && outcome.badge?.printing && outcome.attendee) watchPrint(outcome.badge, fullName(outcome.attendee));
      const { headline, reason } = texts(next);
      setAnnouncement([t(`tone.${toneOf(outcome.result)}`), headline, reason].filter(Boolean).join('. '));
      if (!muted.current) playTone(toneOf(outcome.result));
    },
    [t, texts, watchPrint],
  );

  const submit = useCallback(
    async (request: Pending, override = false): Promise<void> => {
      const foreign = describeForeignCode(request.code);
      if (!shouldSendToCore(foreign)) {
        const text = foreign === 'tooLong' ? t('notice.tooLong', { length: request.code.length }) : t('notice.empty');
        setNotice({ kind: 'text', text });
        setAnnouncement(text);
        return;
      }
      const result = await api()['checkin:scan']({ code: request.code, method: request.method, ...(override ? { override: true } : {}) });
      if (!result.ok) {
        setNotice({ kind: 'error', error: result });
        return;
      }
      setNotice(null);
      show(result.value, request, result.value.result === 'accepted' ? null : foreign);
    },
    [show, t],
  );

  const onCameraCode = useCallback((code: CameraCode) => submit({ code: code.text, method: 'qr', grabbedAt: code.grabbedAt }), [submit]);
  const onSeveral = useCallback(() => {
    setNotice({ kind: 'text', text: t('notice.several') });
  }, [t]);
  const camera = useCamera({ preferredId: kiosk.cameraId, onCode: onCameraCode, onSeveral });

  useWedge((code) => {
    // A scanner burst typed into the search box is a scan, not a search.
    setSearchText((text) => (text.endsWith(code) ? text.slice(0, -code.length) : text));
    void submit({ code, method: 'wedge', grabbedAt: null });
  });

  const dismiss = useCallback(() => {
    setShown(null);
    setPending(null);
  }, []);

  // The auto-print of the arrival on screen, as followed in the ledger (null: none).
  const shownPrint = shown?.outcome.result === 'accepted' ? (shown.outcome.badge?.printing ?? null) : null;
  const shownPrintState = shownPrint ? (prints.states[shownPrint] ?? { state: 'printing' as const }) : undefined;
  const printSettled = shownPrintState ? shownPrintState.state !== 'printing' : null;

  // Back to scanning on its own after a few seconds; while its badge prints, not before the print
  // settles (capped). A new scan replaces the result at once whatever this timer says.
  useEffect(() => {
    if (!shown) return;
    // "Admit anyway?" waits for staff to decide (they may be checking a list or a face); the
    // next scan still replaces it at once, so the door never waits on it.
    if (shown.outcome.overridable) return;
    const elapsed = performance.now() - shown.shownAt;
    const usual = resultMs[toneOf(shown.outcome.result)];
    const wait =
      printSettled === false ? Math.max(usual, printHoldMs) - elapsed : printSettled === true ? Math.max(usual - elapsed, printSettledMs) : usual - elapsed;
    const timer = window.setTimeout(dismiss, Math.max(0, wait));
    return () => window.clearTimeout(timer);
  }, [shown, dismiss, printSettled]);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), noticeMs);
    return () => window.clearTimeout(timer);
  }, [notice]);

  // Scan-to-answer latency, read by `npm run bench:scan-latency`: grab of the frame → result painted.
  useEffect(() => {
    if (!shown || latency.current === null) return;
    const start = latency.current;
    latency.current = null;
    requestAnimationFrame(() => {
      performance.measure('scan:latency', { start, end: performance.now(), detail: { result: shown.outcome.result } });
    });
  }, [shown]);

  const override = async () => {
    if (!pending) return;
    setOverriding(true);
    try {
      await submit(pending, true);
    } finally {
      setOverriding(false);
    }
  };

  const manualCheckin = (attendee: AttendeeSummary) => submit({ code: attendee.id, method: 'search', grabbedAt: null });

  const expireUndo = useCallback(() => setUndoable(null), []);
  const undone = useCallback((message: string) => {
    setUndoable(null);
    setNotice({ kind: 'text', text: message });
    setAnnouncement(message);
  }, []);

  return (
    <section className="screen scan-screen" aria-labelledby="scan-title">
      <div className="scan-toolbar">
        <h1 id="scan-title" className="scan-title">
          {t('title')}
        </h1>
        <div className="scan-where">
          <label htmlFor="scan-checkpoint" className="scan-toolbar-label">
            {t('checkpoint')}
          </label>
          <select
            id="scan-checkpoint"
            data-testid="scan-checkpoint"
            value={kiosk.checkpointId}
            onChange={(event) => void configure({ checkpointId: event.target.value })}
          >
            {checkpoints.length === 0 && <option value={kiosk.checkpointId}>{kiosk.checkpointName}</option>}
            {checkpoints.map((checkpoint) => (
              <option key={checkpoint.id} value={checkpoint.id}>
                {checkpoint.name}
              </option>
            ))}
          </select>
          <p className="scan-day">
            <span className="scan-toolbar-label">{t('day')}</span> <strong data-testid="scan-day">{formatDate(`${kiosk.day}T12:00:00`, language)}</strong>
          </p>
        </div>
        <div className="scan-devices">
          <label htmlFor="scan-camera-choice" className="scan-toolbar-label">
            {t('camera.label')}
          </label>
          <select
            id="scan-camera-choice"
            value={kiosk.cameraId ?? ''}
            onChange={(event) => {
              const id = event.target.value || null;
              camera.selectCamera(id);
              void configure({ cameraId: id });
            }}
          >
            <option value="">{t('camera.default')}</option>
            {camera.cameras.map((choice) => (
              <option key={choice.deviceId} value={choice.deviceId}>
                {choice.label}
              </option>
            ))}
          </select>
          <button type="button" className="button button-secondary" aria-pressed={kiosk.muted} onClick={() => void configure({ muted: !kiosk.muted })}>
            {kiosk.muted ? `🔇 ${t('sound.unmute')}` : `🔊 ${t('sound.mute')}`}
          </button>
        </div>
      </div>
      {failure && <ErrorMessage error={failure} />}

      <p className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="scan-announcement">
        {announcement}
      </p>

      <div className="scan-layout">
        <div className="scan-main">
          <PrintFailureAlerts failures={prints.failures} onRetry={(id) => void prints.retry(id)} onDismiss={prints.dismiss} />
          <CameraView videoRef={camera.videoRef} state={camera.state} onRetry={camera.retry} />
          <div className="scan-notice-slot">
            {notice?.kind === 'text' && (
              <p className="notice notice-warning" data-testid="scan-notice">
                {notice.text}
              </p>
            )}
            {notice?.kind === 'error' && <ErrorMessage error={notice.error} />}
          </div>
          {undoable && <UndoBar key={undoable.checkinId} outcome={undoable} onDone={undone} onExpire={expireUndo} />}
          <p className="scan-wedge-hint">{t('wedgeHint')}</p>
        </div>
        <div className="scan-side">
          <ManualCheckin text={searchText} onText={setSearchText} checkpointName={kiosk.checkpointName} onCheckin={manualCheckin} />
          <RecentScans scans={recent} />
        </div>
      </div>

      {shown && (
        <ScanResultView
          key={shown.shownAt}
          shown={shown}
          onDismiss={dismiss}
          onOverride={shown.outcome.overridable && pending ? () => void override() : undefined}
          overriding={overriding}
          printing={shownPrintState}
        />
      )}
    </section>
  );
}
