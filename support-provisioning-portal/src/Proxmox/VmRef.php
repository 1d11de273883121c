<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * One VM addressed by value: the connection it was made on (`mock`, or the Proxmox cluster's
 * identity), the node it lives on and its VMID. A VMID alone names different VMs over time and
 * across clusters, so no call addresses a VM by it alone.
 */
final class VmRef
{
    public function __construct(
        public readonly string $connection,
        public readonly string $node,
        public readonly int $vmid,
    ) {
    }

    public function onNode(string $node): self
    {
        return new self($this->connection, $node, $this->vmid);
    }

    public function __toString(): string
    {
        return sprintf('VM %d on node %s', $this->vmid, $this->node);
    }
}
