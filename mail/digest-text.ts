/**
 * The digest as plain text, the alternative part of the same message: the
 * same view as the HTML, laid out for a reader without HTML.
 */
import type { DigestView, ItemView } from './digest-view';
import { FOOTER } from './sentences';

export function renderDigestText(view: DigestView): string {
  const out: string[] = [view.greeting, '', view.summary];
  if (view.problems.length > 0) {
    out.push('', section(`投递问题（${view.problems.length} 项）`));
    view.problems.forEach((p, i) => out.push(`${i + 1}. ${p.unitName}：${p.kindLabel}（${oneLineOf(p.detail)}）`));
  }
  for (const group of view.groups) {
    out.push('', section(`${group.title}（${group.items.length} 项）`));
    group.items.forEach((item, i) => out.push(...itemLines(item, i + 1), ''));
    out.pop();
  }
  if (view.units.length > 0) {
    out.push('', section(`各单位情况（${view.units.length} 个单位）`));
    view.units.forEach((unit, i) => {
      out.push(`${i + 1}. ${unit.unitName}：${unit.counts.map((c) => `${c.label} ${c.count}`).join('、')}`);
      for (const line of unit.worst) out.push(`   ${line}`);
      if (unit.more > 0) out.push(`   另有 ${unit.more} 项`);
    });
  }
  if (view.closing.length > 0) out.push('', ...view.closing);
  out.push('', `—— ${FOOTER}`);
  return out.join('\n');
}

function section(title: string): string {
  return `━━ ${title} ━━`;
}

function itemLines(item: ItemView, n: number): string[] {
  const indent = '   ';
  const [first = '', ...rest] = item.text.split(/\r\n|\r|\n/);
  return [
    `${n}. ${item.heading}`,
    `${indent}任务内容：${first}`,
    ...rest.map((line) => `${indent}          ${line}`),
    ...item.fields.map((f) => `${indent}${f.label}：${f.value}`),
    ...item.links.map((l) => `${indent}${l.label}：${l.href}`),
  ];
}

/** A detail (a relay's reply) can span lines; in a list it is one. */
function oneLineOf(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
