<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * Reads Proxmox's own error texts (qemu-server, pve-common) that change what the portal does:
 * a lost clone race, and a lock held by another operation.
 */
final class ProxmoxMessages
{
    /**
     * The clone of another caller took this VMID first: `create_and_lock_config` found the config
     * (`unable to create VM N: config file already exists`), or `lock_file` waited the 1 s it
     * allows (`can't lock file '/var/lock/qemu-server/lock-N.conf' - got timeout`).
     */
    public static function isVmidTaken(string $message): bool
    {
        return (bool) preg_match(
            '/unable to create VM \d+: config file already exists|can\'t lock file \'\/var\/lock\/qemu-server\/lock-\d+\.conf\' - got timeout/',
            $message
        );
    }

    /** The lock named by `VM is locked (<lock>)` (PVE::AbstractConfig::check_lock), or null. */
    public static function lockName(string $message): ?string
    {
        return preg_match('/VM is locked \(([a-z\-]+)\)/', $message, $m) ? $m[1] : null;
    }

    /**
     * A snapshot failure in words a support engineer acts on: `snapshot feature is not available`
     * (PVE::AbstractConfig::__snapshot_prepare) means a disk's storage cannot snapshot.
     */
    public static function snapshotProblem(string $message): string
    {
        if (!str_contains($message, 'snapshot feature is not available')) {
            return $message;
        }
        // English like the other reasons this pure layer words (LockWait); lastError keeps it as is.
        return sprintf(
            "The VM's disks are on a storage that cannot take snapshots (Proxmox: %s). Move the template's disks to a storage with snapshots, such as LVM-thin, ZFS, Ceph RBD or qcow2 files.",
            $message
        );
    }

    /** "a backup", "a snapshot", … for the lock names Proxmox writes into a config. */
    public static function lockHolder(string $lock): string
    {
        return match ($lock) {
            'backup' => 'a backup',
            'snapshot' => 'a snapshot',
            'snapshot-delete' => 'a snapshot deletion',
            'rollback' => 'a rollback',
            'migrate' => 'a migration',
            'clone' => 'a clone',
            'create' => 'a VM creation',
            'disk' => 'a disk move',
            'suspending', 'suspended' => 'a hibernation',
            default => "a '{$lock}' operation",
        };
    }
}
