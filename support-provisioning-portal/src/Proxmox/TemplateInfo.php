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
    ) {
    }

    /** @return array{vmid: int, name: string, osType: string, cpuCores: int, memoryMb: int, diskGb: int} */
    public function toArray(): array
    {
        return [
            'vmid' => $this->vmid,
            'name' => $this->name,
            'osType' => $this->osType,
            'cpuCores' => $this->cpuCores,
            'memoryMb' => $this->memoryMb,
            'diskGb' => $this->diskGb,
        ];
    }
}
