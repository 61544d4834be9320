/** An agency of the registry as listings give it: enough to walk up to its province. */
export type RegistryAgency = {
  id: string;
  parentId: string | null;
  level: string;
};

/** The province an agency belongs to: itself, or its nearest ancestor of the province level. */
export function provinceOf(agencies: readonly RegistryAgency[], id: string): string | undefined {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  let agency = byId.get(id);
  for (let depth = 0; agency && depth < 10; depth++) {
    if (agency.level === 'province') return agency.id;
    agency = agency.parentId === null ? undefined : byId.get(agency.parentId);
  }
  return undefined;
}

/**
 * Which of the given service centers receives for an agency (Decree 118/2025: any agency of the
 * center's province): the first center in the same province, if any.
 */
export function centerReceivingFor<T extends RegistryAgency>(
  agencies: readonly RegistryAgency[],
  centers: readonly T[],
  agencyId: string,
): T | undefined {
  const province = provinceOf(agencies, agencyId);
  if (province === undefined) return undefined;
  return centers.find((center) => provinceOf(agencies, center.id) === province);
}
