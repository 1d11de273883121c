<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Proxmox;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Proxmox\ClonePrivileges;

/**
 * What qemu-server's clone_vm checks besides /vms: `$check_storage_access_clone` in
 * PVE/API2/Qemu.pm and `check_bridge_access` → PVE::GuestHelpers::check_vnet_access.
 */
final class ClonePrivilegesTest extends TestCase
{
    public function testEveryDiskStorageAndTheUntaggedBridge(): void
    {
        self::assertSame([
            '/storage/local-lvm' => 'Datastore.AllocateSpace',
            '/sdn/zones/localnetwork/vmbr0' => 'SDN.Use',
            '/storage/ceph_pool.1' => 'Datastore.AllocateSpace',
            '/storage/tpm-store' => 'Datastore.AllocateSpace',
            '/storage/state' => 'Datastore.AllocateSpace',
        ], ClonePrivileges::forClone([
            'name' => 'windows-support-client',
            'scsi0' => 'local-lvm:base-9002-disk-0,iothread=1,size=64G',
            'ide2' => 'local:iso/virtio-win.iso,media=cdrom',
            'ide0' => 'none,media=cdrom',
            'net0' => 'virtio=BC:24:11:90:02:00,bridge=vmbr0,firewall=1',
            'virtio1' => 'file=ceph_pool.1:base-9002-disk-2,size=8G',
            'efidisk0' => 'local-lvm:base-9002-disk-1,efitype=4m,size=4M',
            'tpmstate0' => 'tpm-store:base-9002-disk-3,size=4M,version=v2.0',
            'unused0' => 'other:vm-9002-disk-9',
            'vmstatestorage' => 'state',
            'boot' => 'order=scsi0;ide2;net0',
        ], []));
    }

    public function testAPhysicalCdromNeedsSysConsoleAndAHostPathNothing(): void
    {
        self::assertSame(['/' => 'Sys.Console'], ClonePrivileges::forClone([
            'sata0' => 'cdrom,media=cdrom',
            'scsi1' => '/dev/disk/by-id/ata-disk,size=100G',
        ], []));
    }

    public function testATaggedDeviceIsCheckedOnItsVlanAndTrunksOnEachTag(): void
    {
        self::assertSame([
            '/sdn/zones/localnetwork/vmbr1/20' => 'SDN.Use',
            '/sdn/zones/localnetwork/vmbr2/10' => 'SDN.Use',
            '/sdn/zones/localnetwork/vmbr2/30' => 'SDN.Use',
            '/sdn/zones/localnetwork/vmbr2/31' => 'SDN.Use',
            '/sdn/zones/localnetwork/vmbr2/5' => 'SDN.Use',
        ], ClonePrivileges::forClone([
            'net0' => 'virtio=BC:24:11:00:00:01,bridge=vmbr1,tag=20',
            'net1' => 'e1000=BC:24:11:00:00:02,bridge=vmbr2,trunks=10;30-31,tag=5',
            'net2' => 'virtio=BC:24:11:00:00:03',
        ], []));
    }

    public function testAnSdnVnetIsCheckedInItsZone(): void
    {
        self::assertSame(
            ['/sdn/zones/lab/vnet7' => 'SDN.Use', '/sdn/zones/localnetwork/vmbr0/7' => 'SDN.Use'],
            ClonePrivileges::forClone([
                'net0' => 'virtio=BC:24:11:00:00:01,bridge=vnet7',
                'net1' => 'virtio=BC:24:11:00:00:02,bridge=vmbr0,tag=7',
            ], ['vnet7' => 'lab'])
        );
    }
}
