<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * Reads what the portal shows about a template from its Proxmox VM config
 * (`GET /nodes/{node}/qemu/{vmid}/config`).
 */
final class TemplateConfigReader
{
    private const DISK_KEY = '/^(?:scsi|virtio|sata|ide)\d+$/';
    private const UNIT_BYTES = ['' => 1, 'K' => 1024, 'M' => 1024 ** 2, 'G' => 1024 ** 3, 'T' => 1024 ** 4];
    private const GIB = 1024 ** 3;

    /** @param array<string, mixed> $config */
    public static function isTemplate(array $config): bool
    {
        return (int) ($config['template'] ?? 0) === 1;
    }

    /**
     * @param array<string, mixed> $config
     * @param array<string, array{plugintype: string, shared: bool}> $storages see TemplateStorage
     */
    public static function read(int $vmid, array $config, string $node = '', array $storages = []): TemplateInfo
    {
        $storage = TemplateStorage::facts($config, $storages);
        return new TemplateInfo(
            $vmid,
            (string) ($config['name'] ?? "VM {$vmid}"),
            (string) ($config['ostype'] ?? 'other'),
            // The portal sets `cores` per deployment, so that is what it reads (not cores × sockets).
            max(1, (int) ($config['cores'] ?? 1)),
            self::memoryMb($config),
            self::diskGb($config),
            $node,
            $storage['shared'],
            $storage['linkedClone']
        );
    }

    /**
     * `memory` is `2048` or, since PVE 8.1, a property string like `current=2048`; default 512 MiB.
     *
     * @param array<string, mixed> $config
     */
    private static function memoryMb(array $config): int
    {
        return preg_match('/(?:^|current=)(\d+)/', (string) ($config['memory'] ?? ''), $m) ? (int) $m[1] : 512;
    }

    /**
     * Size of the boot disk in GiB, rounded up: the first disk in the boot order, else the first
     * scsi/virtio/sata/ide disk that is not a CD-ROM.
     *
     * @param array<string, mixed> $config
     */
    private static function diskGb(array $config): int
    {
        $disks = array_filter(
            $config,
            static fn (mixed $value, string|int $key): bool => preg_match(self::DISK_KEY, (string) $key) === 1
                && is_string($value) && !str_contains($value, 'media=cdrom'),
            ARRAY_FILTER_USE_BOTH
        );
        foreach (self::bootOrder($config) as $key) {
            if (isset($disks[$key])) {
                return self::sizeGb($disks[$key]);
            }
        }
        return $disks === [] ? 0 : self::sizeGb((string) reset($disks));
    }

    /**
     * @param array<string, mixed> $config
     * @return list<string>
     */
    private static function bootOrder(array $config): array
    {
        $boot = (string) ($config['boot'] ?? '');
        if (preg_match('/(?:^|,)order=([^,]+)/', $boot, $m)) {
            return explode(';', $m[1]);
        }
        return isset($config['bootdisk']) ? [(string) $config['bootdisk']] : [];
    }

    /** `local-lvm:base-9001-disk-0,iothread=1,size=32G` → 32. */
    private static function sizeGb(string $drive): int
    {
        if (!preg_match('/(?:^|,)size=(\d+(?:\.\d+)?)([KMGT]?)(?:,|$)/', $drive, $m)) {
            return 0;
        }
        return (int) ceil((float) $m[1] * self::UNIT_BYTES[$m[2]] / self::GIB);
    }
}
