/**
 * `npm run bench plan`: how long `duban plan import` takes on the largest real
 * document and on a generated 5,000-task XLSX, DOCX and text PDF (target:
 * under 2 s each), measured
 * through the same file adapter the CLI uses (read, decode, parse, assemble).
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readPlanFile } from '../client/plan-files';
import { pdfText } from '../client/plan-documents';
import { haveSeeds, seedsDir, seedsMissingLine } from '../test/helpers/real-documents';
import type { TableDocument } from '../test/domain/plan/build-documents';
import { buildDocx, buildPdf, cjkFont, cjkFontMissingLine, cjkFontPath, HEADER } from '../test/domain/plan/build-documents';
import { corpusFiles, corpusMissingLine, haveCorpus, scoreDocument } from '../test/domain/plan/corpus';

const TARGET_MS = 2000;

async function timed<T>(runs: number, f: () => Promise<T>): Promise<{ median: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, result };
}

const UNITS = ['市发展和改革局', '市司法局', '市财政局', '市政府办公室', '市政府各部门', '各镇街', '市卫生健康局', '市教育和体育局'];
const DEADLINES = ['12月底前', '6月底前', '11月底前', '长期坚持', '每季度', '3月31日前'];

/** A 任务分解表 of `count` tasks: 50 groups, merged 工作任务 cells, varied units and deadlines. */
async function writeLargeWorkbook(file: string, count: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分解表');
  ws.addRow(['2024年基准市政务公开工作要点任务分解表']);
  ws.addRow(['序号', '工作任务', '牵头单位', '责任单位', '配合单位', '具体要求', '完成时限']);
  const perGroup = Math.ceil(count / 50);
  for (let i = 0; i < count; i++) {
    const first = i % perGroup === 0;
    ws.addRow([
      i + 1,
      first ? `（${i / perGroup + 1}）第${i / perGroup + 1}组重点任务` : '',
      UNITS[i % UNITS.length],
      `${UNITS[(i + 1) % UNITS.length]}、${UNITS[(i + 3) % UNITS.length]}`,
      i % 5 === 0 ? UNITS[(i + 5) % UNITS.length] : '',
      `第${i + 1}项具体要求：及时公开相关政策文件及解读材料，意见征集结束后7日内公开采纳情况。`,
      DEADLINES[i % DEADLINES.length],
    ]);
  }
  await wb.xlsx.writeFile(file);
}

/** The same 5,000 tasks as a Word/PDF table: 50 groups with merged 工作任务 cells, units one per line. */
function largeTable(count: number): TableDocument {
  const perGroup = Math.ceil(count / 50);
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const first = i % perGroup === 0;
    rows.push([
      String(i + 1),
      first ? `（${i / perGroup + 1}）第${i / perGroup + 1}组重点任务` : '',
      [UNITS[i % UNITS.length], UNITS[(i + 3) % UNITS.length]].join('\n'),
      `第${i + 1}项具体要求：及时公开相关政策文件及解读材料，意见征集结束后7日内公开采纳情况。`,
      DEADLINES[i % DEADLINES.length]!,
    ]);
  }
  return { notice: ['基准市人民政府办公室', '2024年基准市政务公开工作要点任务分解表', '2024年3月1日'], header: HEADER, rows, merged: 1 };
}

async function timeDocument(file: string, bytes: Buffer, kind: string): Promise<void> {
  writeFileSync(file, bytes);
  const { median, result } = await timed(3, () => readPlanFile(file));
  const verdict = median < TARGET_MS ? 'within' : 'OVER';
  console.log(
    `generated ${kind} (${(statSync(file).size / 1024).toFixed(0)} KB, ${result.plan.tasks.length} tasks, ${result.warnings.length} warnings): ${median.toFixed(0)} ms (median of 3) — ${verdict} the ${TARGET_MS} ms target`,
  );
  if (kind !== 'PDF') return;
  // Where a PDF's time goes: pdf.js's text extraction, run in this thread (its worker's messages cloned and collected).
  const cpu = process.cpuUsage();
  const extraction = await timed(3, () => pdfText(bytes, path.basename(file)));
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000 / 3;
  console.log(
    `  of which pdf.js text extraction: ${extraction.median.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU) for ${extraction.result.length} runs of text; font options and pages read concurrently measured no faster (one thread)`,
  );
}

const pct = (a: number, b: number) => `${b === 0 ? 0 : Math.round((a / b) * 1000) / 10}%`;

/** The corpus of other provinces' plans against the hand-written answers (test/domain/plan/corpus.ts). */
async function corpus(): Promise<void> {
  if (!haveCorpus) {
    console.log(corpusMissingLine);
    return;
  }
  const scores = [];
  for (const file of corpusFiles()) {
    const d = await scoreDocument(file);
    scores.push(d);
    console.log(
      `corpus ${d.name}: tasks ${d.found}/${d.expected}, units right ${pct(d.unitsRight, d.expected)}, due days right ${pct(d.dueRight, d.expected)}, ${d.warnings} warnings${d.yearGiven ? ', needed --year' : ''}${d.silentMisses.length ? `, SILENT: ${d.silentMisses.join('; ')}` : ''}`,
    );
  }
  const tasks = scores.reduce((s, d) => s + d.expected, 0);
  console.log(
    `corpus overall: counts exact on ${pct(scores.filter((d) => d.found === d.expected).length, scores.length)} of documents (target ≥90%), units right on ${pct(scores.reduce((s, d) => s + d.unitsRight, 0), tasks)} and due days on ${pct(scores.reduce((s, d) => s + d.dueRight, 0), tasks)} of ${tasks} tasks (target ≥95%), ${scores.reduce((s, d) => s + d.silentMisses.length, 0)} misses without a warning (target 0)`,
  );
}

export async function run(): Promise<void> {
  if (haveSeeds) {
    const largest = readdirSync(seedsDir)
      .map((f) => path.join(seedsDir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const { median, result } = await timed(20, () => readPlanFile(largest));
    console.log(`largest seed ${path.basename(largest)} (${(statSync(largest).size / 1024).toFixed(1)} KB, ${result.plan.tasks.length} tasks): ${median.toFixed(1)} ms (median of 20)`);
  } else {
    console.log(seedsMissingLine);
  }

  await corpus();

  const dir = mkdtempSync(path.join(tmpdir(), 'duban-bench-'));
  try {
    const file = path.join(dir, 'tasks-5000.xlsx');
    await writeLargeWorkbook(file, 5000);
    const { median, result } = await timed(5, () => readPlanFile(file, { issued: '2024-03-01' }));
    const verdict = median < TARGET_MS ? 'within' : 'OVER';
    console.log(
      `generated XLSX (${(statSync(file).size / 1024).toFixed(0)} KB, ${result.plan.tasks.length} tasks, ${result.warnings.length} warnings): ${median.toFixed(0)} ms (median of 5) — ${verdict} the ${TARGET_MS} ms target`,
    );
    const table = largeTable(5000);
    await timeDocument(path.join(dir, 'tasks-5000.docx'), await buildDocx(table), 'DOCX');
    if (cjkFontPath) await timeDocument(path.join(dir, 'tasks-5000.pdf'), await buildPdf(table, cjkFont()), 'PDF');
    else console.log(cjkFontMissingLine);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
