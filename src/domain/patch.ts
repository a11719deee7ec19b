// PATCH bodies: every field optional, and an absent field stays absent. `.partial()` is not enough:
// zod applies a field's default even when it is optional, so a PATCH of the phone number alone would
// reset the trades, the country or the public-sector flag to their defaults.
import { z } from 'zod';

export function patchOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      ((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType).optional(),
    ]),
  );
  return z.object(shape) as unknown as ReturnType<z.ZodObject<Shape>['partial']>;
}
