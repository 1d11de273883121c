<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Proxmox;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Proxmox\ProxmoxMessages;

final class ProxmoxMessagesTest extends TestCase
{
    public function testBothTextsOfALostCloneRaceMeanTheVmidIsTaken(): void
    {
        self::assertTrue(ProxmoxMessages::isVmidTaken('unable to create VM 101: config file already exists'));
        self::assertTrue(ProxmoxMessages::isVmidTaken("can't lock file '/var/lock/qemu-server/lock-101.conf' - got timeout"));
        self::assertTrue(ProxmoxMessages::isVmidTaken('Proxmox request failed with HTTP 500: unable to create VM 101: config file already exists'));
        self::assertFalse(ProxmoxMessages::isVmidTaken("can't lock file '/var/lock/pve-manager/pve-storage-local' - got timeout"));
        self::assertFalse(ProxmoxMessages::isVmidTaken('clone failed: VM 101 vanished while cloning'));
    }

    public function testLockNamesAreReadFromCheckLocksText(): void
    {
        self::assertSame('backup', ProxmoxMessages::lockName('Proxmox request failed with HTTP 500: VM is locked (backup)'));
        self::assertSame('snapshot-delete', ProxmoxMessages::lockName('VM is locked (snapshot-delete)'));
        self::assertNull(ProxmoxMessages::lockName('VM 101 is running - destroy failed'));
    }

    public function testLockHoldersReadAsEnglish(): void
    {
        self::assertSame('a backup', ProxmoxMessages::lockHolder('backup'));
        self::assertSame('a migration', ProxmoxMessages::lockHolder('migrate'));
        self::assertSame("a 'fstrim' operation", ProxmoxMessages::lockHolder('fstrim'));
    }

    /** PVE::AbstractConfig::__snapshot_prepare dies with `snapshot feature is not available` when a disk's storage cannot snapshot. */
    public function testAStorageWithoutSnapshotsIsExplained(): void
    {
        $explained = ProxmoxMessages::snapshotProblem('snapshot feature is not available');
        self::assertStringContainsString('storage that cannot take snapshots', $explained);
        self::assertStringContainsString('(Proxmox: snapshot feature is not available)', $explained);
        self::assertSame("snapshot name 'a1' already used", ProxmoxMessages::snapshotProblem("snapshot name 'a1' already used"));
    }
}
