<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * A cluster member as `GET /cluster/resources?type=node` lists it: online or not, and its memory.
 */
final class NodeFigures
{
    public function __construct(
        public readonly string $node,
        public readonly bool $online,
        public readonly int $totalMb,
        public readonly int $usedMb,
    ) {
    }
}
