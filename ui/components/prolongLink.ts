/**
 * The links in the portal's mails (Mail\ProlongLink in PHP):
 * `admin.php?page=support-provisioning&spp_prolong=ID&spp_hours=N` (prolong) and `…&spp_open=ID`.
 * They survive the login (the query, unlike a #hash, reaches the server and comes back). They
 * only open the deployment, with the prolong's hours filled in: the prolong itself is the user's
 * click, a POST like any other.
 */
export interface ProlongRequest {
  deploymentId: number;
  /** null for a link that only opens the deployment. */
  hours: number | null;
}

const defaultHours = 24;

export function parseProlongLink(search: string): ProlongRequest | null {
  const params = new URLSearchParams(search);
  const opened = params.get('spp_open') ?? '';
  if (/^[1-9]\d*$/.test(opened)) return { deploymentId: Number(opened), hours: null };
  const id = params.get('spp_prolong') ?? '';
  if (!/^[1-9]\d*$/.test(id)) return null;
  const hours = params.get('spp_hours') ?? '';
  return { deploymentId: Number(id), hours: /^[1-9]\d{0,4}$/.test(hours) ? Number(hours) : defaultHours };
}

const requested = parseProlongLink(window.location.search);

/** The deployment's page (#/deployments/ID) when the page was opened from a mail's link. */
export function prolongLinkHash(): string | null {
  return requested === null ? null : `#/deployments/${requested.deploymentId}`;
}

/** The hours the link asks for, when it is about this deployment. */
export function requestedProlongHours(deploymentId: number): number | null {
  return requested !== null && requested.deploymentId === deploymentId ? requested.hours : null;
}
