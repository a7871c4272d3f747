// The UI's data types, taken from the mock's own TypeScript types, which are built on the
// generated contracts (@socialhub/schema): nothing here restates a shape. Type-only: the
// browser never loads this file; the UI's modules import it in JSDoc (`import('../../../ui-types.js')`).
import type { components } from '@socialhub/schema/public';

export type {
  DeliveryPage,
  DeliveryPageQuery,
} from '../control/delivery-routes.js';
export type { TicketActionState as ActionState } from '../services/ticket-view.js';
export type {
  ChannelState as Channel,
  ManifestState as Manifest,
  TicketState as Ticket,
} from '../services/views.js';
export type {
  DeliveryAttempt as Attempt,
  DeliveryRecord as Delivery,
} from '../state/types.js';

type Schemas = components['schemas'];
export type Interaction = Schemas['Interaction'];
export type TicketAction = Schemas['TicketAction'];
export type SidebarTab = Schemas['RightSidebarTab'];
export type ReplyAction = Schemas['TicketActionReply'];
export type TemplateReplyAction = Schemas['TicketActionTemplateReply'];
export type Template = Schemas['Template'];
