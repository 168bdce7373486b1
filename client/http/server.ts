/**
 * duban's HTTP server. For now: a home page and, on the embedded system, the
 * local mail catcher's inbox. Everything put into a page goes through
 * escapeHtml: unit names and mail subjects come from outside.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import escapeHtml from 'escape-html';
import { listStoredMail } from '../mail-store';

export interface HttpServerOptions {
  host: string;
  port: number;
  /** The catcher's mailbox folder, shown at /mail; absent when mail goes to a real relay. */
  mailDir?: string;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2rem;max-width:60rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

async function mailPage(mailDir: string): Promise<string> {
  const mails = await listStoredMail(mailDir, 200);
  const rows = mails
    .map((m) => `<tr><td>${escapeHtml(m.receivedAt.toISOString())}</td><td>${escapeHtml(m.to)}</td><td>${escapeHtml(m.subject)}</td></tr>`)
    .join('');
  return page(
    '本地邮件（开发用捕获服务器）',
    mails.length === 0 ? '<p>暂无邮件。</p>' : `<table><tr><th>收到时间</th><th>收件人</th><th>主题</th></tr>${rows}</table>`,
  );
}

export async function startHttpServer(options: HttpServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const send = (status: number, html: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end(html);
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET') return send(405, page('不支持的请求', '<p>仅支持 GET。</p>'));
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('ok');
    }
    if (url.pathname === '/') {
      const mailLink = options.mailDir ? '<p><a href="/mail">本地邮件</a></p>' : '';
      return send(200, page('督办 duban', `<p>政务公开工作要点时限与问责引擎。</p>${mailLink}`));
    }
    if (url.pathname === '/mail' && options.mailDir) {
      mailPage(options.mailDir).then(
        (html) => send(200, html),
        (err: Error) => {
          console.error(`mail page failed: ${err.message}`);
          send(500, page('出错了', '<p>读取本地邮件失败。</p>'));
        },
      );
      return;
    }
    send(404, page('页面不存在', '<p><a href="/">返回首页</a></p>'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
