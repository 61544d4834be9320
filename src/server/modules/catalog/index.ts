export { createCatalogService, type CatalogService, type PublishedService } from './service.ts';
export { catalogRoutes } from './routes.ts';
export { createServiceVersionsService } from './service.versions.ts';
export { createDocumentTemplates } from './service.templates.ts';
export { catalogAdminRoutes } from './routes.admin.ts';
export { refreshListing as refreshCatalogListing } from './repository.listing.ts';
export { createCatalogExchange } from './service.exchange.ts';
export { catalogExchangeRoutes } from './routes.exchange.ts';
export { communesOf, isCommuneOf } from './administrative-units.ts';
export { draftRetentionDays } from './repository.versions.ts';
export {
  mirrorMemberService,
  publishedServiceEntries,
  SERVICE_PUBLISHED,
  type PublishedServiceBody,
} from './service.mirror.ts';
export { createAgencyReorganisation, type MoveWork } from './service.reorganisation.ts';
/** The search's one statement, for bench/catalog-search.ts's bare baseline. */
export { publishedServicesQuery } from './repository.ts';
