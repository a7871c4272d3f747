// @ts-check
// How tickets hang together: follow-ups (`followupTo`, the ticket a reply created) and roots
// (`interaction.root.rootId`, the networkItemId of the post a comment belongs to).

/**
 * @typedef {{
 *   _id: string,
 *   createdTime: string,
 *   isHidden?: boolean,
 *   followupTo?: { followupToId?: string },
 *   interaction: { networkItemId?: string, createdTime?: string, root?: { rootId?: string } },
 * }} TicketLike
 */

/**
 * @template {TicketLike} T
 * @typedef {{ ticket: T, depth: number, parentId?: string, followupOf?: string }} TicketRow
 */

/** @param {TicketLike} ticket */
const timeOf = (ticket) => Date.parse(ticket.interaction.createdTime ?? ticket.createdTime) || 0;

/**
 * The Inbox list: root tickets newest first, each followed by its follow-ups and the tickets under
 * it (oldest first, indented by `depth`). A follow-up's parent is the ticket it answers; another
 * ticket's parent is its root ticket. Hidden tickets (roots created on demand) are left out and
 * their children shown at the top level.
 * @template {TicketLike} T
 * @param {T[]} tickets
 * @returns {TicketRow<T>[]}
 */
export function orderTickets(tickets) {
  const visible = tickets.filter((t) => !t.isHidden);
  const byId = new Map(visible.map((t) => [t._id, t]));
  /** @type {Map<string, T>} */
  const byNetworkItemId = new Map();
  for (const t of visible)
    if (t.interaction.networkItemId !== undefined)
      byNetworkItemId.set(t.interaction.networkItemId, t);

  /** @param {T} ticket */
  const parentOf = (ticket) => {
    const followupToId = ticket.followupTo?.followupToId;
    if (followupToId !== undefined && byId.has(followupToId)) return byId.get(followupToId);
    const rootId = ticket.interaction.root?.rootId;
    if (rootId === undefined || rootId === ticket.interaction.networkItemId) return undefined;
    return byNetworkItemId.get(rootId);
  };

  /** @type {Map<string, T[]>} */
  const children = new Map();
  /** @type {T[]} */
  const roots = [];
  for (const ticket of visible) {
    const parent = parentOf(ticket);
    if (!parent || parent === ticket) roots.push(ticket);
    else children.set(parent._id, [...(children.get(parent._id) ?? []), ticket]);
  }
  roots.sort((a, b) => timeOf(b) - timeOf(a));

  /** @type {TicketRow<T>[]} */
  const rows = [];
  /** @type {Set<string>} */
  const placed = new Set();
  /**
   * @param {T} ticket
   * @param {number} depth
   * @param {T | undefined} parent
   */
  const place = (ticket, depth, parent) => {
    if (placed.has(ticket._id)) return;
    placed.add(ticket._id);
    const followupOf = ticket.followupTo?.followupToId;
    rows.push({
      ticket,
      depth,
      ...(parent ? { parentId: parent._id } : {}),
      ...(followupOf !== undefined ? { followupOf } : {}),
    });
    const below = [...(children.get(ticket._id) ?? [])].sort((a, b) => timeOf(a) - timeOf(b));
    for (const child of below) place(child, depth + 1, ticket);
  };
  for (const root of roots) place(root, 0, undefined);
  // Tickets whose parents point at each other form no tree; list them rather than lose them.
  for (const ticket of visible) place(ticket, 0, undefined);
  return rows;
}

/**
 * The networkItemId of a ticket's Root-Ticket: its `root.rootId`; for a follow-up, the root of
 * the ticket it answers; else its own networkItemId.
 * @param {TicketLike} ticket
 * @param {Map<string, TicketLike>} byId
 * @returns {string | undefined}
 */
export function rootKey(ticket, byId) {
  /** @type {TicketLike | undefined} */
  let current = ticket;
  const seen = new Set();
  while (current && !seen.has(current._id)) {
    seen.add(current._id);
    const rootId = current.interaction.root?.rootId;
    if (rootId !== undefined) return rootId;
    /** @type {string | undefined} */
    const parentId = current.followupTo?.followupToId;
    if (parentId === undefined) return current.interaction.networkItemId;
    current = byId.get(parentId) ?? undefined;
  }
  return current?.interaction.networkItemId ?? ticket.interaction.networkItemId;
}

/**
 * The tickets of a right-sidebar tab for the selected ticket, per the manifest's `treeBuilder`:
 * every ticket sharing its Root-Ticket, oldest first; `flatListWithRoot` puts the Root-Ticket
 * first (also a hidden one), `flatListWithoutRoot` leaves it out. Unknown builders act as
 * `flatListWithRoot`.
 * @template {TicketLike} T
 * @param {T[]} tickets all tickets of the channel, hidden ones included
 * @param {T} selected
 * @param {string} treeBuilder
 * @returns {{ root: T | undefined, items: T[] }}
 */
export function sidebarTree(tickets, selected, treeBuilder) {
  const byId = new Map(tickets.map((t) => [t._id, t]));
  const key = rootKey(selected, byId);
  const members = tickets.filter((t) => rootKey(t, byId) === key);
  const root = members.find((t) => t.interaction.networkItemId === key && !t.followupTo);
  const others = members.filter((t) => t !== root).sort((a, b) => timeOf(a) - timeOf(b));
  if (treeBuilder === 'flatListWithoutRoot') return { root: undefined, items: others };
  return { root, items: root ? [root, ...others] : others };
}
