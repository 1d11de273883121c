<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Proxmox;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Proxmox\TemplateStorage;

/**
 * Shared: qemu-server PVE/API2/Qemu.pm clone_vm refuses `target` unless every disk is on shared
 * storage. Linked: pve-storage volume_has_feature('clone') holds for base volumes on LvmThinPlugin,
 * ZFSPoolPlugin and RBDPlugin, and for base images of the directory-like plugins (Plugin.pm);
 * LVMPlugin (thick LVM) has no clone feature at all.
 */
final class TemplateStorageTest extends TestCase
{
    private const STORAGES = [
        'local-lvm' => ['plugintype' => 'lvmthin', 'shared' => false],
        'ceph' => ['plugintype' => 'rbd', 'shared' => true],
        'nfs' => ['plugintype' => 'nfs', 'shared' => true],
        'san' => ['plugintype' => 'lvm', 'shared' => true],
    ];

    public function testLocalLvmThinBaseVolumesMakeLinkedClonesButStayOnTheirNode(): void
    {
        $facts = TemplateStorage::facts(['scsi0' => 'local-lvm:base-9003-disk-0,size=32G', 'ide2' => 'none,media=cdrom'], self::STORAGES);
        self::assertSame(['shared' => false, 'linkedClone' => true], $facts);
    }

    public function testEveryDiskMustBeSharedForTarget(): void
    {
        $mixed = ['scsi0' => 'ceph:base-9100-disk-0,size=8G', 'efidisk0' => 'local-lvm:base-9100-disk-1,size=4M'];
        self::assertSame(['shared' => false, 'linkedClone' => true], TemplateStorage::facts($mixed, self::STORAGES));
        self::assertSame(['shared' => true, 'linkedClone' => true], TemplateStorage::facts(['scsi0' => 'ceph:base-9100-disk-0'], self::STORAGES));
    }

    public function testNoLinkedCloneFromThickLvmOrFromAVolumeThatIsNotABase(): void
    {
        self::assertSame(['shared' => true, 'linkedClone' => false], TemplateStorage::facts(['scsi0' => 'san:vm-9104-disk-0'], self::STORAGES));
        self::assertSame(['shared' => true, 'linkedClone' => false], TemplateStorage::facts(['scsi0' => 'ceph:vm-9105-disk-0'], self::STORAGES));
        self::assertSame(['shared' => true, 'linkedClone' => true], TemplateStorage::facts(['virtio0' => 'nfs:9106/base-9106-disk-0.qcow2'], self::STORAGES));
    }

    public function testUnknownStoragesAndDisklessTemplatesAllowNeither(): void
    {
        self::assertSame(['shared' => false, 'linkedClone' => false], TemplateStorage::facts(['scsi0' => 'gone:base-1-disk-0'], self::STORAGES));
        self::assertSame(['shared' => false, 'linkedClone' => false], TemplateStorage::facts(['ide2' => 'none,media=cdrom'], self::STORAGES));
    }
}
