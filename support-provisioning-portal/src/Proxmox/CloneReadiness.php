<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * The connection test's rows for what cloning the approved templates needs beyond /vms: one row
 * per privilege and ACL path Proxmox will check (ClonePrivileges), answered from the token's
 * effective permissions there (`GET /access/permissions?path=…`), plus a row for each approved
 * template the node does not have.
 */
final class CloneReadiness
{
    public function __construct(
        private readonly string $node,
        private readonly HttpTransport $http,
    ) {
    }

    /**
     * @param list<int> $templateVmids
     * @return list<ConnectionCheck>
     */
    public function rows(array $templateVmids): array
    {
        $rows = [];
        /** @var array<string, array{privilege: string, vmids: list<int>}> $needs ACL path => need */
        $needs = [];
        $vnetZones = null;
        foreach ($templateVmids as $vmid) {
            try {
                $config = $this->http->request('GET', sprintf('/nodes/%s/qemu/%d/config', rawurlencode($this->node), $vmid));
            } catch (ProxmoxError $error) {
                $rows[] = new ConnectionCheck("template {$vmid}", false, sprintf(
                    /* translators: 1: VMID, 2: node name, 3: Proxmox's message */
                    __('Approved template %1$d cannot be read on node \'%2$s\': %3$s', 'support-provisioning-portal'),
                    $vmid,
                    $this->node,
                    $error->getMessage()
                ));
                continue;
            }
            $config = is_array($config) ? $config : [];
            $vnetZones ??= $this->hasBridge($config) ? $this->vnetZones() : null;
            foreach (ClonePrivileges::forClone($config, $vnetZones ?? []) as $path => $privilege) {
                $needs[$path] ??= ['privilege' => $privilege, 'vmids' => []];
                $needs[$path]['vmids'][] = $vmid;
            }
        }
        ksort($needs);
        foreach ($needs as $path => $need) {
            $rows[] = $this->row((string) $path, $need['privilege'], $need['vmids']);
        }
        return $rows;
    }

    /** @param list<int> $vmids */
    private function row(string $path, string $privilege, array $vmids): ConnectionCheck
    {
        $name = "{$privilege} on {$path}";
        try {
            $answer = $this->http->request('GET', '/access/permissions', ['path' => $path]);
        } catch (ProxmoxError $error) {
            return new ConnectionCheck($name, false, $error->getMessage());
        }
        $held = is_array($answer) && is_array($answer[$path] ?? null) ? $answer[$path] : [];
        $templates = implode(', ', $vmids);
        if (isset($held[$privilege])) {
            return new ConnectionCheck($name, true, sprintf(
                /* translators: 1: ACL path, 2: comma-separated template VMIDs */
                __('Granted on %1$s: cloning template %2$s needs it.', 'support-provisioning-portal'),
                $path,
                $templates
            ));
        }
        return new ConnectionCheck($name, false, sprintf(
            /* translators: 1: privilege, 2: ACL path, 3: comma-separated template VMIDs */
            __('Missing: grant %1$s on %2$s, or Proxmox refuses to clone template %3$s.', 'support-provisioning-portal'),
            $privilege,
            $path,
            $templates
        ));
    }

    /** @param array<string, mixed> $config */
    private function hasBridge(array $config): bool
    {
        foreach ($config as $key => $value) {
            if (preg_match('/^net\d+$/', (string) $key) && is_string($value) && str_contains($value, 'bridge=')) {
                return true;
            }
        }
        return false;
    }

    /**
     * SDN VNet => zone, for the VNets the token may see. Where SDN is not installed or the list
     * cannot be read, every bridge is a plain one in the `localnetwork` zone, as Proxmox assumes.
     *
     * @return array<string, string>
     */
    private function vnetZones(): array
    {
        try {
            $vnets = $this->http->request('GET', '/cluster/sdn/vnets');
        } catch (ProxmoxError) {
            return [];
        }
        $zones = [];
        foreach (is_array($vnets) ? $vnets : [] as $vnet) {
            if (is_array($vnet) && isset($vnet['vnet'], $vnet['zone'])) {
                $zones[(string) $vnet['vnet']] = (string) $vnet['zone'];
            }
        }
        return $zones;
    }
}
