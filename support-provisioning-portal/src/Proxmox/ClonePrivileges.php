<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * The privileges Proxmox checks beyond /vms when it clones a template, read from the template's
 * config the way qemu-server's clone_vm does: `$check_storage_access_clone` (every disk's storage,
 * `vmstatestorage`, a physical CD-ROM) and `check_bridge_access` → `PVE::GuestHelpers::
 * check_vnet_access` (SDN.Use on each network device's bridge, or on each of its VLANs).
 */
final class ClonePrivileges
{
    /** PVE::QemuServer::Drive::valid_drive_names(). */
    private const DRIVE_KEY = '/^(?:(?:ide|scsi|virtio|sata)\d+|efidisk0|tpmstate0)$/';
    /** PVE::Storage::parse_volume_id(): storage ID, colon, volume name. */
    private const VOLUME_ID = '/^([a-z][a-z0-9\-_.]*[a-z0-9]):.+$/i';
    /** check_vnet_access: a bridge that is no SDN VNet belongs to this zone. */
    public const LOCAL_ZONE = 'localnetwork';

    /**
     * @param array<string, mixed> $config the template's `GET …/qemu/{vmid}/config`
     * @param array<string, string> $vnetZones SDN VNet => its zone
     * @return array<string, string> ACL path => the privilege Proxmox checks there
     */
    public static function forClone(array $config, array $vnetZones): array
    {
        $needs = [];
        foreach ($config as $key => $value) {
            $key = (string) $key;
            if (preg_match(self::DRIVE_KEY, $key) && is_string($value)) {
                $needs += self::drive($value);
            } elseif ($key === 'vmstatestorage' && is_string($value)) {
                $needs['/storage/' . $value] = 'Datastore.AllocateSpace';
            } elseif (preg_match('/^net\d+$/', $key) && is_string($value)) {
                $needs += self::network($value, $vnetZones);
            }
        }
        return $needs;
    }

    /** @return array<string, string> */
    private static function drive(string $drive): array
    {
        $options = self::options($drive, 'file');
        $volume = $options['file'] ?? '';
        if ($volume === '' || $volume === 'none') {
            return [];
        }
        if (($options['media'] ?? '') === 'cdrom') {
            // An ISO image needs nothing; the host's physical drive needs Sys.Console.
            return $volume === 'cdrom' ? ['/' => 'Sys.Console'] : [];
        }
        // A path such as /dev/sdb is no storage volume: Proxmox refuses to clone it at all.
        return preg_match(self::VOLUME_ID, $volume, $m) ? ['/storage/' . $m[1] => 'Datastore.AllocateSpace'] : [];
    }

    /**
     * @param array<string, string> $vnetZones
     * @return array<string, string>
     */
    private static function network(string $net, array $vnetZones): array
    {
        $options = self::options($net, 'model');
        $bridge = $options['bridge'] ?? '';
        if ($bridge === '') {
            return [];
        }
        $base = sprintf('/sdn/zones/%s/%s', $vnetZones[$bridge] ?? self::LOCAL_ZONE, $bridge);
        $tags = self::trunkTags($options['trunks'] ?? '');
        if (($options['tag'] ?? '') !== '') {
            $tags[] = (int) $options['tag'];
        }
        if ($tags === []) {
            return [$base => 'SDN.Use'];
        }
        $needs = [];
        foreach (array_unique($tags) as $tag) {
            $needs["{$base}/{$tag}"] = 'SDN.Use';
        }
        return $needs;
    }

    /**
     * `trunks=10;20-22` → 10, 20, 21, 22 (get_tags_from_trunk).
     *
     * @return list<int>
     */
    private static function trunkTags(string $trunks): array
    {
        $tags = [];
        foreach (array_filter(explode(';', $trunks), 'strlen') as $trunk) {
            [$first, $last] = array_map('intval', explode('-', $trunk, 2)) + [1 => 0];
            $tags = [...$tags, ...($last > $first ? range($first, $last) : [$first])];
        }
        return $tags;
    }

    /**
     * A Proxmox property string: `key=value` pairs, the first one possibly without its key.
     *
     * @return array<string, string>
     */
    private static function options(string $value, string $defaultKey): array
    {
        $options = [];
        foreach (explode(',', $value) as $index => $part) {
            $pair = explode('=', $part, 2);
            if (count($pair) === 2) {
                $options[trim($pair[0])] = trim($pair[1]);
            } elseif ($index === 0) {
                $options[$defaultKey] = trim($part);
            }
        }
        return $options;
    }
}
