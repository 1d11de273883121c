<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * The usable IP addresses of a VM, or none with a hint why (agent not running yet, VM stopped…).
 */
final class IpLookup
{
    /** @param list<string> $addresses */
    public function __construct(
        public readonly array $addresses,
        public readonly string $hint = '',
    ) {
    }
}
