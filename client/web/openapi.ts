/**
 * /api/openapi.json, generated from the zod schemas the routes parse with
 * (zod 4's toJSONSchema), so another office system reads the same contract
 * the server enforces.
 */
import { z } from 'zod';
import type { Role } from '../../domain/accountability';

export interface ApiRoute {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  roles: Role[];
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A multipart form: a `file` field plus these fields. */
  multipart?: z.ZodObject;
  isMultipart?: boolean;
  /** The JSON body may come as a multipart form instead, with one optional `file` attached (a report's evidence). */
  fileOptional?: boolean;
  response?: z.ZodType;
}

export function apiRoute(
  method: ApiRoute['method'],
  path: string,
  summary: string,
  rest: { roles: Role[]; query?: z.ZodObject; body?: z.ZodType; multipart?: z.ZodObject | undefined; fileOptional?: boolean; response?: z.ZodType },
): ApiRoute {
  return { method, path, summary, ...rest, isMultipart: 'multipart' in rest };
}

export function openApiDocument(routes: ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, unknown> = {};
  /** A schema with its named parts (`.meta({ id })`) moved to components.schemas; `inline` resolves a top-level reference. */
  const schema = (t: z.ZodType, io: 'input' | 'output', inline = false): Record<string, unknown> => {
    const js = z.toJSONSchema(t, { io, unrepresentable: 'any', target: 'draft-2020-12' });
    const moved = JSON.parse(JSON.stringify(js).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown> & { $defs?: Record<string, unknown>; $ref?: string };
    const { $defs, $schema: _, ...rest } = moved;
    for (const [name, def] of Object.entries($defs ?? {})) components[io === 'input' && components[name] ? `${name}Input` : name] ??= def;
    if (inline && rest.$ref) return ($defs ?? {})[rest.$ref.split('/').pop()!] as Record<string, unknown>;
    return rest;
  };
  for (const r of routes) {
    const op: Record<string, unknown> = {
      summary: r.summary,
      description: r.roles.length ? `角色：${r.roles.join('、')}。不安全的方法须带 X-CSRF-Token（POST /api/session 返回）。` : '无需登录。',
      security: r.roles.length ? [{ session: [] }] : [],
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: r.response ? schema(r.response, 'output') : {} } } },
        400: { description: '输入有误（每个问题一条）' },
        401: { description: '未登录' },
        403: { description: '无权或超出本单位范围，或缺少 CSRF 校验码' },
        409: { description: '当前状态不允许（如已报告待审核）' },
        ...(r.path === '/api/session' && r.method === 'post' ? { 429: { description: '一分钟内密码错误过多' } } : {}),
      },
    };
    if (r.query) {
      const js = schema(r.query, 'input', true) as { properties?: Record<string, object>; required?: string[] };
      op.parameters = Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: s }));
    }
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } };
    if (r.body && r.fileOptional) {
      // The same fields as a form: a list field is one text field, an item a line; `file` is appended to it as an evidence line.
      const js = schema(r.body, 'input', true) as { properties?: Record<string, { type?: string }>; required?: string[] };
      const fields = Object.fromEntries(
        Object.entries(js.properties ?? {}).map(([name, p]) => [name, p.type === 'array' ? { type: 'string', description: '每行一条' } : p]),
      );
      (op.requestBody as { content: Record<string, unknown> }).content['multipart/form-data'] = {
        schema: { type: 'object', required: js.required ?? [], properties: { ...fields, file: { type: 'string', format: 'binary', description: '附件（10 MB 以内）' } } },
      };
    }
    if (r.isMultipart) {
      const fields = r.multipart ? (schema(r.multipart, 'input', true) as { properties?: object }).properties : {};
      op.requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, ...fields } } } },
      };
    }
    (paths[r.path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'duban 督办 API', version: '1', description: '政务公开工作要点督办：逾期清单、督办事项、单位报告与审核、计划管理。' },
    components: { schemas: components, securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'duban_session' } } },
    paths,
  };
}
