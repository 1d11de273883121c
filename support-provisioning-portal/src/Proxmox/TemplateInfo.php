<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * A QEMU template as Proxmox describes it.
 */
final class TemplateInfo
{
    public function __construct(
        public readonly int $vmid,
        public readonly string $name,
        public readonly string $osType,
        public readonly int $cpuCores,
        public readonly int $memoryMb,
        public readonly int $diskGb,
        /** The node it lives on; '' for the configured node (the mock). */
        public readonly string $node = '',
        /** Every disk on shared storage: clonable to any node with `target` (TemplateStorage). */
        public readonly bool $sharedStorage = false,
        /** Every disk allows a linked clone (TemplateStorage). */
        public readonly bool $linkedClone = false,
    ) {
    }

    /**
     * @return array{vmid: int, name: string, osType: string, cpuCores: int, memoryMb: int, diskGb: int,
     *     node: string, sharedStorage: bool, linkedClone: bool}
     */
    public function toArray(): array
    {
        return [
            'vmid' => $this->vmid,
            'name' => $this->name,
            'osType' => $this->osType,
            'cpuCores' => $this->cpuCores,
            'memoryMb' => $this->memoryMb,
            'diskGb' => $this->diskGb,
            'node' => $this->node,
            'sharedStorage' => $this->sharedStorage,
            'linkedClone' => $this->linkedClone,
        ];
    }
}
