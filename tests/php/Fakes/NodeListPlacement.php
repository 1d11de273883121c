<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Proxmox\CloneSource;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Service\ClonePlacer;
use SupportProvisioningPortal\Service\ServiceError;
use SupportProvisioningPortal\Store\DeploymentRecord;

/**
 * Places a new deployment on the first listed node; a clone on the deployment's node while it is
 * listed and not avoided, else on the first listed node that is not; none left is
 * NO_NODE_CAPACITY, as ClonePlacement says it.
 */
final class NodeListPlacement implements ClonePlacer
{
    public const NO_ROOM = 'No Proxmox node has room for this VM.';

    /** @param list<string> $nodes */
    public function __construct(public array $nodes)
    {
    }

    public function choose(ProxmoxClient $proxmox, array $template, int $memoryMb, string $connection): ?array
    {
        $proxmox->clusterNodes(); // asked first, as Placement does: it may not answer
        $node = $this->nodes[0] ?? throw new ServiceError(ErrorCode::NO_NODE_CAPACITY, self::NO_ROOM);
        return ['node' => $node, 'placement' => (string) json_encode(['node' => $node, 'needMb' => $memoryMb])];
    }

    public function confirm(ProxmoxClient $proxmox, DeploymentRecord $d, string $connection, array $avoid): array
    {
        $usable = array_values(array_diff($this->nodes, $avoid));
        if (in_array($d->node, $usable, true)) {
            return ['source' => new CloneSource($d->templateVmid, $d->node), 'fields' => []];
        }
        $node = $usable[0] ?? throw new ServiceError(ErrorCode::NO_NODE_CAPACITY, self::NO_ROOM);
        return ['source' => new CloneSource($d->templateVmid, $node), 'fields' => ['node' => $node]];
    }
}
