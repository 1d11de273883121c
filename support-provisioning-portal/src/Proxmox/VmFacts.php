<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * What a VM's configuration says about whose it is and whether it may be changed now:
 * read from `GET …/qemu/{vmid}/config` (pending changes merged), so it is never stale.
 */
final class VmFacts
{
    /** @param list<string> $tags */
    public function __construct(
        public readonly string $name,
        public readonly string $description,
        public readonly array $tags,
        public readonly ?string $lock,
        public readonly bool $protected,
        public readonly string $digest,
    ) {
    }

    /** @param array<string, mixed> $config */
    public static function fromConfig(array $config): self
    {
        $lock = (string) ($config['lock'] ?? '');
        return new self(
            (string) ($config['name'] ?? ''),
            (string) ($config['description'] ?? ''),
            ClusterVm::splitTags((string) ($config['tags'] ?? '')),
            $lock === '' ? null : $lock,
            (bool) (int) ($config['protection'] ?? 0),
            (string) ($config['digest'] ?? ''),
        );
    }
}
