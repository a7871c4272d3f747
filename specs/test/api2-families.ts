/**
 * The entity families of API2: each definition with the path families whose request bodies and
 * success responses describe the same entity inline, and other inline copies of it.
 */
import type { Family } from './coherence.ts';

/** Definitions and the routes (and other places) that copy them inline. */
export const FAMILIES: Family[] = [
  { definition: 'Account', paths: ['/accounts'] },
  { definition: 'Channel', paths: ['/channels'] },
  { definition: 'User', paths: ['/users'] },
  { definition: 'Team', paths: ['/teams'] },
  { definition: 'PostGroup', paths: ['/cp/postGroups'] },
  { definition: 'Post', paths: ['/cp/posts'] },
  { definition: 'Campaign', paths: ['/cp/campaigns'] },
  { definition: 'Link', paths: ['/cp/posts/{id}/links'] },
  { definition: 'Shortlink', paths: ['/shortlinks'] },
  { definition: 'Media', paths: ['/media', '/ml/media'] },
  { definition: 'Contact', paths: ['/contacts'] },
  { definition: 'Tag', paths: ['/cp/tags'] },
  { definition: 'AdAccount', paths: ['/cp/adAccounts', '/networks/facebook/adaccounts'] },
  { definition: 'Ad', paths: ['/cp/ads'] },
  { definition: 'FacebookAdCampaign', paths: ['/cp/networks/facebook/adCampaigns'] },
  {
    definition: 'FacebookAdSet',
    paths: ['/cp/networks/facebook/adSets'],
  },
  {
    definition: 'FacebookTargeting',
    paths: [],
    extra: [
      '/paths/~1cp~1networks~1facebook~1adSets/post/parameters/2/schema/properties/targeting',
      '/definitions/FacebookAdSet/properties/targeting',
    ],
  },
  { definition: 'LinkedinTargeting', paths: ['/cp/networks/linkedin/targeting'] },
  { definition: 'Ticket', paths: ['/inbox/tickets', '/public/inbox/tickets'] },
  {
    definition: 'History',
    paths: ['/inbox/tickets/{ticketId}/history', '/inbox/interactors/{interactorId}/history'],
  },
  { definition: 'Settings', paths: ['/settings'] },
  { definition: 'Category', paths: ['/inbox/categories'] },
  { definition: 'Manifest', paths: ['/public/manifest', '/settings/manifests'] },
  { definition: 'Rule', paths: ['/inbox/rules'] },
  { definition: 'Template', paths: ['/inbox/templates'] },
  { definition: 'Font', paths: ['/fonts'] },
  { definition: 'Folder', paths: ['/inbox/folders'] },
  { definition: 'KeywordList', paths: ['/inbox/rules/keywordLists'] },
  { definition: 'InteractorList', paths: ['/inbox/rules/interactorLists'] },
  { definition: 'Dashboard', paths: ['/analytics/dashboards'] },
  { definition: 'SharedDashboardLink', paths: ['/analytics/dashboards/shared'] },
  { definition: 'EmailReport', paths: ['/analytics/emailreports'] },
  { definition: 'ChannelAnalytics', paths: ['/cp/analytics/channels'] },
  { definition: 'PostAnalytics', paths: ['/cp/analytics/posts'] },
];
