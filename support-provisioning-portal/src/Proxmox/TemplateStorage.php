<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * What a template's disks allow, read from its config and the cluster's storages
 * (`GET /cluster/resources?type=storage`: `plugintype`, `shared`):
 *
 * - clonable to another node with `target`: every disk on shared storage (qemu-server
 *   PVE/API2/Qemu.pm clone_vm: `can't clone VM to node '<target>' (VM uses local storage)`);
 * - linked clones: every disk is a base volume on a storage whose `volume_has_feature` has
 *   `clone` for it (pve-storage: LvmThinPlugin, ZFSPoolPlugin, RBDPlugin for base volumes; the
 *   directory-like plugins (Plugin.pm) for base images in qcow2, raw or vmdk, written as qcow2).
 */
final class TemplateStorage
{
    private const DISK_KEY = '/^(?:scsi|virtio|sata|ide|efidisk|tpmstate)\d+$/';
    private const LINKED_PLUGINS = ['lvmthin', 'zfspool', 'rbd', 'dir', 'nfs', 'cifs', 'glusterfs', 'cephfs', 'btrfs'];

    /**
     * @param array<string, mixed> $config the template's config
     * @param array<string, array{plugintype: string, shared: bool}> $storages storage id => facts
     * @return array{shared: bool, linkedClone: bool}
     */
    public static function facts(array $config, array $storages): array
    {
        $shared = true;
        $linked = true;
        $disks = 0;
        foreach ($config as $key => $value) {
            if (!preg_match(self::DISK_KEY, (string) $key) || !is_string($value) || str_contains($value, 'media=cdrom')) {
                continue;
            }
            $volume = explode(',', $value)[0];
            [$storage, $name] = array_pad(explode(':', $volume, 2), 2, '');
            $facts = $storages[$storage] ?? null;
            $disks++;
            $shared = $shared && ($facts['shared'] ?? false);
            $linked = $linked && $facts !== null && self::clonable($facts['plugintype'], $name);
        }
        return ['shared' => $disks > 0 && $shared, 'linkedClone' => $disks > 0 && $linked];
    }

    private static function clonable(string $plugin, string $volname): bool
    {
        $base = (bool) preg_match('~(?:^|/)base-\d+-~', $volname);
        return $base && in_array($plugin, self::LINKED_PLUGINS, true);
    }
}
