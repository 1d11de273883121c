<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\CloneSource;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * Where a clone goes, decided right before its POST. ClonePlacement in the plugin (the site's
 * templates, quotas and nodes); the state-machine tests place on a node they choose.
 */
interface ClonePlacer
{
    /**
     * @param list<string> $avoid nodes that did not answer the clone POST
     * @return array{source: CloneSource, fields: array<string, string>} the clone POST and the
     *     deployment's columns to store (empty when the placement stands)
     * @throws ServiceError NO_NODE_CAPACITY
     */
    public function confirm(ProxmoxClient $proxmox, DeploymentRecord $d, string $connection, array $avoid): array;
}
