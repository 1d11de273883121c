<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * One QEMU guest as the cluster lists it (`GET /cluster/resources?type=vm`): where it is, what it
 * is called and tagged, its size and whether it runs. Enough to find drift in one call; the proof
 * of whose it is still comes from its config (VmFacts).
 */
final class ClusterVm
{
    /** @param list<string> $tags */
    public function __construct(
        public readonly int $vmid,
        public readonly string $node,
        public readonly string $name,
        public readonly array $tags,
        public readonly bool $running,
        public readonly int $memoryMb,
        public readonly int $cores,
    ) {
    }

    /** What its name and tags prove (the description is not in the list). */
    public function facts(): VmFacts
    {
        return new VmFacts($this->name, '', $this->tags, null, false, '');
    }

    /** @return list<string> tags as Proxmox stores them (`;`-separated, lower case) */
    public static function splitTags(string $tags): array
    {
        return array_values(preg_split('/[;,\s]+/', strtolower($tags), -1, PREG_SPLIT_NO_EMPTY) ?: []);
    }
}
