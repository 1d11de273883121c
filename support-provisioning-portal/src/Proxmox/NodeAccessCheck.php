<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * One connection-test row per cluster node: online or not, and whether the token may read its
 * figures (`Sys.Audit` on /nodes/<node>: `GET /cluster/resources` lists only the nodes it may
 * audit, so placement never sees — and never uses — the others). See docs/decisions/placement.md.
 */
final class NodeAccessCheck
{
    public function __construct(private readonly HttpTransport $http)
    {
    }

    /**
     * @param array<string, string> $status node => online, offline or unknown (`GET /nodes`)
     * @return list<ConnectionCheck>
     */
    public function rows(array $status): array
    {
        $rows = [];
        foreach ($status as $node => $state) {
            $path = '/nodes/' . $node;
            try {
                $permissions = $this->http->request('GET', '/access/permissions', ['path' => $path]);
            } catch (ProxmoxError $error) {
                // A server that cannot report permissions (501): only the state is known.
                $unknown = str_contains($error->getMessage(), 'HTTP 501');
                $rows[] = new ConnectionCheck('node ' . $node, $unknown, $unknown ? sprintf(
                    /* translators: 1: node name, 2: online, offline or unknown */
                    __("Node '%1\$s' is %2\$s.", 'support-provisioning-portal'),
                    $node,
                    $state
                ) : $error->getMessage());
                continue;
            }
            $held = is_array($permissions) && is_array($permissions[$path] ?? null) ? array_keys($permissions[$path]) : [];
            $audit = in_array('Sys.Audit', $held, true);
            $rows[] = new ConnectionCheck('node ' . $node, $audit, $audit
                ? sprintf(
                    /* translators: 1: node name, 2: online, offline or unknown */
                    __("Node '%1\$s' is %2\$s; the token holds Sys.Audit there, so the portal sees its free memory and may place VMs on it.", 'support-provisioning-portal'),
                    $node,
                    $state
                )
                : sprintf(
                    /* translators: 1: node name, 2: online, offline or unknown, 3: ACL path */
                    __("Node '%1\$s' is %2\$s; missing: grant Sys.Audit on %3\$s, or the portal cannot see its free memory and never places VMs on it.", 'support-provisioning-portal'),
                    $node,
                    $state,
                    $path
                ));
        }
        return $rows;
    }
}
