// Logic of online signing (指尖上的集体合同): which sides have signed the current text, whether the
// caller may sign the workers' side, the sign link's QR code, and the checks on a text or
// verification file before it is sent. Unit-tested.
import QRCode from 'qrcode';
import type { Contract, ContractSide } from '@/api/types';

/** What the server takes as a text version (it checks the bytes). */
export const TEXT_FILE_TYPES = ['.pdf', '.docx', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'] as const;
export const TEXT_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** Why a file cannot be a text version (`notPdfOrDocx`, `tooLarge`), or null. */
export function textFileProblem(file: { name: string; size: number }): 'notPdfOrDocx' | 'tooLarge' | null {
  if (!/\.(pdf|docx)$/i.test(file.name)) return 'notPdfOrDocx';
  if (file.size > TEXT_FILE_MAX_BYTES) return 'tooLarge';
  return null;
}

/** The sides with a valid (not voided) signature. */
export function signedSides(c: Pick<Contract, 'signatures'>): Set<ContractSide> {
  return new Set((c.signatures ?? []).filter((s) => !s.void).map((s) => s.side));
}

/** The workers' side may be signed by the caller: signing is open and that side has not signed. */
export function canSignWorkers(c: Pick<Contract, 'state' | 'vote' | 'signatures'>): boolean {
  return c.state === 'congress' && !!c.vote?.passed && !signedSides(c).has('worker');
}

/** The sign link as a QR code in a `data:` URL (the CSP admits data: images, not inline scripts). */
export function qrDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/** Why a public sign link cannot be used: `used` (used or expired: 409 field token), `unknown` (404), or another failure. */
export function linkProblem(error: unknown): 'used' | 'unknown' | 'failed' {
  const e = error as { status?: number; field?: string } | null;
  if (e?.status === 409 && e.field === 'token') return 'used';
  if (e?.status === 404) return 'unknown';
  return 'failed';
}

/** The signer confirms by typing the name the link was issued to (spaces aside). */
export function nameConfirmed(typed: string, signer: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '');
  return norm(typed) !== '' && norm(typed) === norm(signer);
}
