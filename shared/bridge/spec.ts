import type { z } from 'zod';

/** A command is a request from the renderer that main answers once. */
export interface CommandSpec {
  request: z.ZodType;
  response: z.ZodType;
}

/** A media method is a request from main that the renderer's media engine answers once. */
export interface MediaSpec {
  params: z.ZodType;
  result: z.ZodType;
}
