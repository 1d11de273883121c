<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\CloneSource;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * Where a new deployment's VM goes: chosen at create, confirmed right before the clone's POST.
 * ClonePlacement in the plugin (the site's templates, quotas and nodes); the state-machine tests
 * place on a node they choose.
 */
interface ClonePlacer
{
    /**
     * The node for a new deployment, chosen at create under the quota lock.
     *
     * @param array<string, int|string> $template
     * @return ?array{node: string, placement: string} the node and the record of the choice; null
     *     when there is nothing to choose from (the mock)
     * @throws ServiceError NO_NODE_CAPACITY
     * @throws \SupportProvisioningPortal\Proxmox\ProxmoxError when Proxmox cannot be asked
     */
    public function choose(ProxmoxClient $proxmox, array $template, int $memoryMb, string $connection): ?array;

    /**
     * @param list<string> $avoid nodes that did not answer the clone POST
     * @return array{source: CloneSource, fields: array<string, string>} the clone POST and the
     *     deployment's columns to store (empty when the placement stands)
     * @throws ServiceError NO_NODE_CAPACITY
     */
    public function confirm(ProxmoxClient $proxmox, DeploymentRecord $d, string $connection, array $avoid): array;
}
