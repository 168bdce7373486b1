/**
 * A file a unit attaches to its report: at most 10 MB, and only the kinds an
 * office files as evidence (PDF, images, Word/Excel/PowerPoint and their WPS
 * and OFD kin), told by name and by the file's first bytes, so a renamed
 * program is refused too. Kept in the store (store/files.ts), so any web
 * server serves what another took, named by its SHA-256 (the same file twice
 * is kept once); the report's evidence list
 * names it as `附件：<name>（sha256:<hash><ext>）`, which the CLI prints as is
 * and the task page turns into a link only those who may see the report follow.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileStore } from '../../store';
import { WebError } from './actions';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const pdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';
const zip = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
const ole = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
const png = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const jpeg = (b: Buffer) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
const office = (b: Buffer) => zip(b) || ole(b);

/** Extension → content type and the check of its first bytes. */
const KINDS: Record<string, { type: string; looksRight: (b: Buffer) => boolean }> = {
  '.pdf': { type: 'application/pdf', looksRight: pdf },
  '.ofd': { type: 'application/ofd', looksRight: zip },
  '.png': { type: 'image/png', looksRight: png },
  '.jpg': { type: 'image/jpeg', looksRight: jpeg },
  '.jpeg': { type: 'image/jpeg', looksRight: jpeg },
  '.doc': { type: 'application/msword', looksRight: ole },
  '.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', looksRight: zip },
  '.xls': { type: 'application/vnd.ms-excel', looksRight: ole },
  '.xlsx': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', looksRight: zip },
  '.ppt': { type: 'application/vnd.ms-powerpoint', looksRight: ole },
  '.pptx': { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', looksRight: zip },
  '.wps': { type: 'application/vnd.ms-works', looksRight: office },
  '.et': { type: 'application/vnd.ms-excel', looksRight: office },
  '.dps': { type: 'application/vnd.ms-powerpoint', looksRight: office },
};

export const EVIDENCE_KINDS_TEXT = 'PDF、OFD、图片（JPG、PNG）、Word、Excel、PowerPoint 及 WPS 文档';

export interface Attachment {
  /** What goes into the report's evidence list. */
  ref: string;
  /** `<sha256><ext>`: the kept file's name. */
  file: string;
  bytes: Buffer;
}

/** Checks an uploaded file (size, kind) and names it by its content; nothing is written yet. */
export async function readAttachment(upload: File): Promise<Attachment> {
  if (upload.size > MAX_EVIDENCE_BYTES) throw new WebError(413, `附件过大（${(upload.size / 1024 / 1024).toFixed(1)} MB）：上限 10 MB，请压缩后再上传，或附公开网址。`);
  const ext = path.extname(upload.name).toLowerCase();
  const bytes = Buffer.from(await upload.arrayBuffer());
  const kind = KINDS[ext];
  if (!kind) throw new WebError(400, `不支持此类附件（${ext || '无扩展名'}）：只接受 ${EVIDENCE_KINDS_TEXT}。`);
  if (!kind.looksRight(bytes)) throw new WebError(400, `附件内容与扩展名 ${ext} 不符：只接受 ${EVIDENCE_KINDS_TEXT}。`);
  const file = `${createHash('sha256').update(bytes).digest('hex')}${ext}`;
  // The name as the unit gave it, without anything that could read as our own markers or a path.
  const name = path.basename(upload.name).replace(/[（）()\r\n]/g, '').slice(0, 120) || file;
  return { ref: `附件：${name}（sha256:${file}）`, file, bytes };
}

/** Keeps the attachment under its hash (once, however often it is attached). */
export async function keepAttachment(files: FileStore, a: Attachment): Promise<void> {
  await files.put('evidence', a.file, { bytes: a.bytes });
}

/** The attachment an evidence line names, or undefined for a URL or other text. */
export function attachmentOf(evidence: string): { name: string; file: string } | undefined {
  const m = /^附件：(.*)（sha256:([0-9a-f]{64}\.[a-z]+)）$/.exec(evidence);
  return m && KINDS[path.extname(m[2]!)] ? { name: m[1]!, file: m[2]! } : undefined;
}

export async function readKept(files: FileStore, file: string): Promise<{ bytes: Buffer; type: string }> {
  const kind = KINDS[path.extname(file)];
  if (!kind || !/^[0-9a-f]{64}\.[a-z]+$/.test(file)) throw new WebError(404, '没有这个附件。');
  const kept = await files.get('evidence', file);
  if (!kept) throw new WebError(404, '附件已不在服务器上。');
  return { bytes: kept.bytes, type: kind.type };
}
