/**
 * zod parsing with its Chinese messages (its zh-CN locale), wherever a schema
 * checks what a person wrote: a plan or directory file, a web form. A
 * schema's own messages still win where it has them.
 */
import { z } from 'zod';

export function parseZh<T extends z.ZodType>(schema: T, value: unknown): z.ZodSafeParseResult<z.output<T>> {
  return schema.safeParse(value, { error: z.locales.zhCN().localeError });
}
