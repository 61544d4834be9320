const MB = 1024 * 1024;
export const megabytes = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** The smaller of the document's own limit and the portal's; undefined while neither is known. */
export function uploadLimitBytes(documentMaxMb: number | undefined, portalMaxBytes?: number) {
  const limits = [documentMaxMb ? documentMaxMb * MB : undefined, portalMaxBytes].filter(
    (n): n is number => n !== undefined,
  );
  return limits.length > 0 ? Math.min(...limits) : undefined;
}
