import QRCode from 'qrcode';

/**
 * QR images of tokens. Error correction M survives a creased printout or a scratched phone
 * screen; a 140-character token then fits a version 7 symbol (45×45 modules), which a webcam
 * reads from arm's length. `qrcode` chooses alphanumeric mode by itself for our alphabet.
 */
const options = { errorCorrectionLevel: 'M', margin: 4 } as const;

export function qrVersion(text: string): number {
  return QRCode.create(text, options).version;
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...options, type: 'svg' });
}

/** 8 pixels per module: a 53-module symbol with its margin becomes a 424-pixel square, crisp at badge size. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...options, type: 'png', scale: 8 });
}

export function qrImage(text: string, format: 'png' | 'svg'): Promise<Buffer> {
  return format === 'png' ? qrPng(text) : qrSvg(text).then((svg) => Buffer.from(svg, 'utf8'));
}
