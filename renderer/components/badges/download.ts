/** Saves bytes as a file through the browser's own download (Blob + a[download]): works in Electron and browser mode alike. */
export function downloadBytes(bytes: Uint8Array, fileName: string, type = 'application/pdf'): void {
  // A copy into a fresh ArrayBuffer: the bytes may be a view on a larger (or shared) buffer.
  const blob = new Blob([bytes.slice().buffer as ArrayBuffer], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: revoking at once can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
