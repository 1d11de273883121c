<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Store\DbLock;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\TemplateStore;

/**
 * At create, the node with room (Placement). Right before a clone: the node chosen at create must still be online, else (or when the create
 * could not ask Proxmox) the VM is placed again, under the quota lock like any placement.
 */
final class ClonePlacement implements ClonePlacer
{
    private const LOCK_SECONDS = 15;

    public function choose(ProxmoxClient $proxmox, array $template, int $memoryMb, string $connection): ?array
    {
        return Placement::choose($proxmox, $template, $memoryMb, $connection);
    }

    public function confirm(ProxmoxClient $proxmox, DeploymentRecord $d, string $connection, array $avoid): array
    {
        $template = TemplateStore::find($d->templateId) ?? [];
        $node = $d->node;
        $online = [];
        foreach ($proxmox->clusterNodes() as $figures) {
            $online[$figures->node] = $figures->online && !in_array($figures->node, $avoid, true);
        }
        $fields = [];
        if ($node === '' || !($online[$node] ?? false)) {
            $memoryMb = $d->memoryMb;
            $chosen = DbLock::hold('quota', self::LOCK_SECONDS, static fn (): ?array => Placement::choose(
                $proxmox,
                $template,
                $memoryMb,
                $connection,
                array_keys(array_filter($online, static fn (bool $up): bool => !$up))
            ));
            // No figures (the mock's one node): the configured node, as before placement existed.
            $node = $chosen['node'] ?? $proxmox->node();
            $fields = ['node' => $node] + ($chosen === null ? [] : ['placement' => $chosen['placement']]);
        }
        return ['source' => Placement::cloneSource($template, $node, $proxmox->node()), 'fields' => $fields];
    }
}
