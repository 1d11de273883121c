<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * The snapshot work a deployment has in flight (its `snapshot_job` column): what to take, roll
 * back to or delete, and for a rollback whether the VM runs again afterwards.
 */
final class SnapshotJob
{
    public const TAKE = 'take';
    public const ROLLBACK = 'rollback';
    public const DELETE = 'delete';
    /** The snapshot provisioning takes once a VM is configured; "reset to clean" rolls back to it. */
    public const BASELINE = 'spp_baseline';
    /** Proxmox's pve-configid format of snapshot names (pve-common JSONSchema.pm: no hyphen), at most 40 characters. */
    public const NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]{1,39}$';

    public function __construct(
        public readonly string $kind,
        public readonly string $name,
        public readonly string $description = '',
        public readonly bool $vmstate = false,
        public readonly bool $start = false,
    ) {
    }

    public static function fromJson(mixed $json): ?self
    {
        $data = is_string($json) && $json !== '' ? json_decode($json, true) : null;
        if (!is_array($data) || !in_array($data['kind'] ?? '', [self::TAKE, self::ROLLBACK, self::DELETE], true)) {
            return null;
        }
        return new self(
            (string) $data['kind'],
            (string) ($data['name'] ?? ''),
            (string) ($data['description'] ?? ''),
            (bool) ($data['vmstate'] ?? false),
            (bool) ($data['start'] ?? false),
        );
    }

    public function toJson(): string
    {
        return (string) json_encode([
            'kind' => $this->kind,
            'name' => $this->name,
            'description' => $this->description,
            'vmstate' => $this->vmstate,
            'start' => $this->start,
        ]);
    }

    public function isBaseline(): bool
    {
        return $this->name === self::BASELINE;
    }

    /** Names starting with `spp_` belong to the portal; `current` and `pending` to Proxmox. */
    public static function isReserved(string $name): bool
    {
        return str_starts_with(strtolower($name), 'spp_') || in_array(strtolower($name), ['current', 'pending'], true);
    }
}
