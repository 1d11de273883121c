<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * What a clone POST is sent to: the template VMID on its node, the node the clone goes to when it
 * is another (`target`, only from shared storage), and full or linked.
 */
final class CloneSource
{
    public function __construct(
        public readonly int $vmid,
        public readonly string $node,
        public readonly string $target = '',
        public readonly bool $full = true,
    ) {
    }
}
