<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * One entry of a VM's snapshot list (`GET /nodes/{node}/qemu/{vmid}/snapshot`, without the
 * `current` pseudo-entry). `snapstate` is set while Proxmox is still making or deleting it.
 */
final class SnapshotInfo
{
    public function __construct(
        public readonly string $name,
        public readonly string $description,
        public readonly int $snaptime,
        public readonly bool $vmstate,
        public readonly string $snapstate = '',
    ) {
    }

    /**
     * @param mixed $list Proxmox's answer
     * @return list<self> oldest first
     */
    public static function listFrom(mixed $list): array
    {
        $snapshots = [];
        foreach (is_array($list) ? $list : [] as $entry) {
            if (!is_array($entry) || ($entry['name'] ?? 'current') === 'current') {
                continue;
            }
            $snapshots[] = new self(
                (string) $entry['name'],
                (string) ($entry['description'] ?? ''),
                (int) ($entry['snaptime'] ?? 0),
                (bool) ($entry['vmstate'] ?? false),
                (string) ($entry['snapstate'] ?? ''),
            );
        }
        usort($snapshots, static fn (self $a, self $b): int => [$a->snaptime, $a->name] <=> [$b->snaptime, $b->name]);
        return $snapshots;
    }

    /** @param list<self> $snapshots */
    public static function named(array $snapshots, string $name): ?self
    {
        foreach ($snapshots as $snapshot) {
            if ($snapshot->name === $name) {
                return $snapshot;
            }
        }
        return null;
    }
}
