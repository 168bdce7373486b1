/** @jsxImportSource hono/jsx */
/**
 * The digest as HTML mail. Components rendered to a string by hono/jsx (as
 * the web pages are), so every value is escaped by construction; the layout is what Foxmail, the
 * WeCom and Coremail web mailers and Outlook render alike: nested tables,
 * inline styles, no <style> block, no script, no image, nothing external.
 */
import type { Child } from 'hono/jsx';
import type { Urgency } from '../contracts/digest';
import type { DigestView, Field, GroupView, ItemView, UnitRollup } from './digest-view';
import { FOOTER } from './sentences';

const FONT = "'Microsoft YaHei','PingFang SC','Hiragino Sans GB',SimSun,Arial,sans-serif";

export const URGENCY_COLOURS: Record<Urgency, string> = {
  red: '#c0392b',
  yellow: '#b7950b',
  dueToday: '#d35400',
  upcoming: '#2e6fbf',
  returned: '#8e44ad',
  notice: '#6b7785',
};

const cell = { padding: '6px 10px', borderTop: '1px solid #ebeef5', fontSize: '14px', lineHeight: '1.6', verticalAlign: 'top' };

export function renderDigestHtml(view: DigestView): string {
  const html = (<Digest view={view} />).toString();
  // Only an async component makes this a promise, and the digest has none.
  if (typeof html !== 'string') throw new TypeError('the digest rendered asynchronously');
  return `<!DOCTYPE html>${html}`;
}

function Digest({ view }: { view: DigestView }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{view.subject}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: '#f2f3f5' }}>
        <Frame>
          <tr>
            <td data-section="header" style={{ backgroundColor: '#a61b1b', color: '#ffffff', padding: '14px 20px', fontSize: '18px', fontWeight: 'bold' }}>
              督办提醒 · {view.date}
            </td>
          </tr>
          <tr>
            <td data-section="summary" style={{ padding: '16px 20px 4px', fontSize: '15px', lineHeight: '1.7' }}>
              <p style={{ margin: '0 0 8px' }}>{view.greeting}</p>
              <p style={{ margin: '0 0 8px' }}>{view.summary}</p>
            </td>
          </tr>
          {view.problems.length > 0 && <Problems view={view} />}
          {view.groups.map((group) => (
            <Group group={group} />
          ))}
          {view.units.length > 0 && <Rollup units={view.units} />}
          {view.closing.length > 0 && (
            <tr>
              <td data-section="closing" style={{ padding: '4px 20px 12px', fontSize: '14px', lineHeight: '1.7' }}>
                {view.closing.map((line) => (
                  <p style={{ margin: '0 0 6px' }}>{line}</p>
                ))}
              </td>
            </tr>
          )}
          <tr>
            <td style={{ padding: '12px 20px', borderTop: '1px solid #ebeef5', color: '#909399', fontSize: '12px' }}>{FOOTER}</td>
          </tr>
        </Frame>
      </body>
    </html>
  );
}

/** A centred 680-pixel column on a grey page: the layout every mail client keeps. */
function Frame({ children }: { children: Child }) {
  return (
    <table role="presentation" width="100%" cellPadding="0" cellSpacing="0" border={0} style={{ backgroundColor: '#f2f3f5' }}>
      <tr>
        <td align="center" style={{ padding: '16px 8px' }}>
          <table
            role="presentation"
            width="680"
            cellPadding="0"
            cellSpacing="0"
            border={0}
            style={{ width: '100%', maxWidth: '680px', backgroundColor: '#ffffff', border: '1px solid #dcdfe6', fontFamily: FONT, color: '#303133', textAlign: 'left' }}
          >
            {children}
          </table>
        </td>
      </tr>
    </table>
  );
}

function SectionTitle({ colour, children }: { colour: string; children: Child }) {
  return (
    <div style={{ margin: '12px 0 10px', padding: '4px 10px', borderLeft: `4px solid ${colour}`, fontSize: '16px', fontWeight: 'bold', color: colour }}>{children}</div>
  );
}

function Group({ group }: { group: GroupView }) {
  const colour = URGENCY_COLOURS[group.urgency];
  return (
    <tr>
      <td data-section={group.urgency} style={{ padding: '0 20px 8px' }}>
        <SectionTitle colour={colour}>
          {group.title}（{group.items.length} 项）
        </SectionTitle>
        {group.items.map((item) => (
          <Item item={item} colour={colour} />
        ))}
      </td>
    </tr>
  );
}

function Item({ item, colour }: { item: ItemView; colour: string }) {
  return (
    <table
      data-item={item.key}
      role="presentation"
      width="100%"
      cellPadding="0"
      cellSpacing="0"
      border={0}
      style={{ width: '100%', borderCollapse: 'collapse', border: '1px solid #e4e7ed', borderTop: `3px solid ${colour}`, marginBottom: '12px' }}
    >
      <tr>
        <td colSpan={2} style={{ ...cell, borderTop: '0', backgroundColor: '#f5f7fa', fontWeight: 'bold' }}>
          {item.heading}
        </td>
      </tr>
      <tr>
        <td colSpan={2} data-field="任务内容" style={cell}>
          <Lines text={item.text} />
        </td>
      </tr>
      {item.fields.map((field) => (
        <FieldRow field={field} />
      ))}
      {item.links.length > 0 && (
        <tr>
          <td colSpan={2} style={{ ...cell, padding: '10px' }}>
            {item.links.map((link, i) => (
              <a
                href={link.href}
                data-link={link.label}
                target="_blank"
                style={{
                  display: 'inline-block',
                  marginRight: '10px',
                  padding: '6px 16px',
                  backgroundColor: i === 0 ? '#1f6feb' : '#ffffff',
                  color: i === 0 ? '#ffffff' : '#1f6feb',
                  border: '1px solid #1f6feb',
                  textDecoration: 'none',
                  fontSize: '14px',
                }}
              >
                {link.label}
              </a>
            ))}
          </td>
        </tr>
      )}
    </table>
  );
}

function FieldRow({ field }: { field: Field }) {
  const colour = field.tone === 'alert' ? '#c0392b' : field.tone === 'muted' ? '#909399' : '#303133';
  return (
    <tr>
      <td style={{ ...cell, width: '84px', whiteSpace: 'nowrap', color: '#606266' }}>{field.label}</td>
      <td data-field={field.label} style={{ ...cell, color: colour }}>
        {field.value}
      </td>
    </tr>
  );
}

/** Line breaks of a task text kept as <br>: some clients ignore white-space styles. */
function Lines({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/);
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

function Rollup({ units }: { units: UnitRollup[] }) {
  const head = { ...cell, backgroundColor: '#f5f7fa', fontWeight: 'bold', borderTop: '0' };
  return (
    <tr>
      <td data-section="rollup" style={{ padding: '0 20px 8px' }}>
        <SectionTitle colour="#303133">各单位情况（{units.length} 个单位）</SectionTitle>
        <table width="100%" cellPadding="0" cellSpacing="0" border={0} style={{ width: '100%', borderCollapse: 'collapse', border: '1px solid #e4e7ed' }}>
          <tr>
            <th style={{ ...head, textAlign: 'left', width: '120px' }}>单位</th>
            <th style={{ ...head, textAlign: 'left', width: '130px' }}>事项</th>
            <th style={{ ...head, textAlign: 'left' }}>最紧急的事项</th>
          </tr>
          {units.map((unit) => (
            <tr data-unit={unit.unitId}>
              <td style={{ ...cell, fontWeight: 'bold' }}>{unit.unitName}</td>
              <td style={cell}>
                {unit.counts.map((c, i) => (
                  <>
                    {i > 0 && <br />}
                    <span style={{ color: URGENCY_COLOURS[c.urgency] }}>
                      {c.label} {c.count}
                    </span>
                  </>
                ))}
              </td>
              <td style={cell}>
                {unit.worst.map((line, i) => (
                  <>
                    {i > 0 && <br />}
                    {line}
                  </>
                ))}
                {unit.more > 0 && (
                  <>
                    <br />
                    <span style={{ color: '#909399' }}>另有 {unit.more} 项</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </table>
      </td>
    </tr>
  );
}

function Problems({ view }: { view: DigestView }) {
  const head = { ...cell, backgroundColor: '#fdf2f2', fontWeight: 'bold', borderTop: '0', textAlign: 'left' as const };
  return (
    <tr>
      <td data-section="problems" style={{ padding: '0 20px 8px' }}>
        <SectionTitle colour="#c0392b">投递问题（{view.problems.length} 项）</SectionTitle>
        <table width="100%" cellPadding="0" cellSpacing="0" border={0} style={{ width: '100%', borderCollapse: 'collapse', border: '1px solid #f3d1d1' }}>
          <tr>
            <th style={{ ...head, width: '120px' }}>单位</th>
            <th style={{ ...head, width: '110px' }}>问题</th>
            <th style={head}>详情</th>
          </tr>
          {view.problems.map((p) => (
            <tr data-unit={p.unitId} data-problem={p.kind}>
              <td style={{ ...cell, fontWeight: 'bold' }}>{p.unitName}</td>
              <td style={{ ...cell, color: '#c0392b' }}>{p.kindLabel}</td>
              <td style={{ ...cell, wordBreak: 'break-all' }}>{p.detail}</td>
            </tr>
          ))}
        </table>
      </td>
    </tr>
  );
}
