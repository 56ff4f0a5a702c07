// The QR encoder's core module alone (its package entry also loads PNG, SVG and terminal renderers and pngjs).
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions, QRCodeSegment } from 'qrcode';

  export function create(text: string | QRCodeSegment[], options?: QRCodeOptions): QRCode;
}
