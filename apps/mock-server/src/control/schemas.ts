import { HttpsUrlSchema, ObjectIdSchema } from '@socialhub/schema/public/zod';
import { z } from 'zod';

/** Body of `POST /_mock/accounts`. */
export const CreateAccountInputSchema = z.strictObject({
  name: z.string().min(1).optional(),
  /** @default 100 */
  channelLimit: z.int().min(0).optional(),
});

/** Body of `PATCH /_mock/accounts/{accountId}`. */
export const UpdateAccountInputSchema = z.strictObject({
  name: z.string().min(1).optional(),
  channelLimit: z.int().min(0).optional(),
});

/** Body of `POST /_mock/users`: a user of an account (API2's `POST /users` fields, all optional). */
export const CreateUserInputSchema = z.strictObject({
  /** @default the default account */
  accountId: ObjectIdSchema.optional(),
  /** Unique; the login name of `POST /api2/users/login`. @default a generated one */
  userName: z.string().min(1).optional(),
  firstName: z.string().min(1).optional(),
  lastName: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
  /** @default 'ADMIN' */
  role: z
    .enum([
      'ADMIN',
      'SMM',
      'SMMWOI',
      'CM',
      'CMWOI',
      'ASSIGNER',
      'REPORTER',
      'OBSERVER',
      'EDITOR',
      'SMMAA',
      'ADVERT',
    ])
    .optional(),
  locale: z.string().min(2).optional(),
  /** Lets the user log in with `POST /api2/users/login`. */
  password: z.string().min(1).optional(),
  teams: z.array(ObjectIdSchema).optional(),
});

/** Body of `POST /_mock/channels`: a custom channel, created as the customer does on the settings page. */
export const CreateChannelInputSchema = z.strictObject({
  /** @default the default account */
  accountId: ObjectIdSchema.optional(),
  name: z.string().min(1),
  /** @default name */
  uniqueName: z.string().min(1).optional(),
  networkId: z.string().min(1).optional(),
  imageUrl: HttpsUrlSchema.optional(),
});

/** Body of `POST /_mock/manifests`: a reusable manifest, created as the SocialHub Team does. */
export const CreateManifestInputSchema = z.strictObject({
  name: z.string().min(1),
  /** @default the default account */
  accountId: ObjectIdSchema.optional(),
  /** The manifest fields, as `PATCH /manifest` takes them (no test request is sent). */
  manifest: z.record(z.string(), z.unknown()).optional(),
});

/** Body of `POST /_mock/manifests/{manifestId}/promote`. */
export const PromoteManifestInputSchema = z.strictObject({ name: z.string().min(1) });

/** Body of `PATCH /_mock/tickets/{ticketId}`: the Inbox state of a ticket. */
export const UpdateTicketStateInputSchema = z.strictObject({
  isDone: z.boolean().optional(),
  isUnread: z.boolean().optional(),
});

const METHOD = z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

/** Body of `POST /_mock/faults`. */
export const FaultInputSchema = z
  .strictObject({
    method: METHOD.optional(),
    path: z.string().startsWith('/').max(1024),
    status: z.int().min(200).max(599).optional(),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    latencyMs: z.int().min(0).max(60_000).optional(),
    times: z.int().min(1).optional(),
  })
  .refine((f) => f.status !== undefined || f.latencyMs !== undefined, {
    message: 'a fault needs a status, a latencyMs or both',
  });

/** Body of `PATCH /_mock/config`. */
export const ConfigInputSchema = z.strictObject({
  rateLimit: z
    .strictObject({
      /** Only this channel (else the default for all). */
      channelId: ObjectIdSchema.optional(),
      limit: z.int().min(0).optional(),
      windowMs: z.int().min(1).optional(),
    })
    .optional(),
});

/** Query of `GET /_mock/deliveries`. */
export const DeliveriesQuerySchema = z.strictObject({
  channelId: ObjectIdSchema.optional(),
  kind: z.enum(['events', 'test', 'templates']).optional(),
  /** Newest first, at most this many. @default 100 */
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** Query of `GET /_mock/tickets`. */
export const TicketsQuerySchema = z.strictObject({
  channelId: ObjectIdSchema.optional(),
});

export type CreateAccountInput = z.input<typeof CreateAccountInputSchema>;
export type UpdateAccountInput = z.input<typeof UpdateAccountInputSchema>;
export type CreateChannelInput = z.input<typeof CreateChannelInputSchema>;
export type CreateManifestInput = z.input<typeof CreateManifestInputSchema>;
export type CreateUserInput = z.input<typeof CreateUserInputSchema>;
export type UpdateTicketStateInput = z.input<typeof UpdateTicketStateInputSchema>;
export type FaultInput = z.input<typeof FaultInputSchema>;
export type ConfigInput = z.input<typeof ConfigInputSchema>;
export type DeliveriesQuery = z.input<typeof DeliveriesQuerySchema>;
