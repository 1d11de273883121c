<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Proxmox;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Proxmox\TemplateConfigReader;

final class TemplateConfigReaderTest extends TestCase
{
    public function testReadsASeededStyleTemplate(): void
    {
        $info = TemplateConfigReader::read(9003, [
            'name' => 'linux-utility-vm',
            'ostype' => 'l26',
            'cores' => 2,
            'sockets' => 2,
            'memory' => '4096',
            'scsi0' => 'local-lvm:base-9003-disk-0,iothread=1,size=32G',
            'ide2' => 'none,media=cdrom',
            'boot' => 'order=scsi0;ide2;net0',
            'template' => 1,
        ]);
        self::assertSame(
            ['vmid' => 9003, 'name' => 'linux-utility-vm', 'osType' => 'l26', 'cpuCores' => 2, 'memoryMb' => 4096,
                'diskGb' => 32, 'node' => '', 'sharedStorage' => false, 'linkedClone' => false],
            $info->toArray(),
            'cores, not cores × sockets'
        );
    }

    public function testMemoryAsPropertyStringAndDefaults(): void
    {
        self::assertSame(2048, TemplateConfigReader::read(1, ['memory' => 'current=2048'])->memoryMb);
        $bare = TemplateConfigReader::read(7, []);
        self::assertSame(
            ['VM 7', 'other', 1, 512, 0],
            [$bare->name, $bare->osType, $bare->cpuCores, $bare->memoryMb, $bare->diskGb]
        );
    }

    public function testBootDiskComesFromTheBootOrderAndSkipsCdroms(): void
    {
        $config = [
            'ide0' => 'local:iso/debian.iso,media=cdrom,size=600M',
            'sata0' => 'local-lvm:base-1-disk-1,size=100G',
            'virtio0' => 'local-lvm:base-1-disk-0,size=12G',
            'boot' => 'order=ide0;virtio0',
        ];
        self::assertSame(12, TemplateConfigReader::read(1, $config)->diskGb);
        unset($config['boot']);
        self::assertSame(100, TemplateConfigReader::read(1, $config)->diskGb, 'first non-CD-ROM disk');
    }

    public function testSizesInOtherUnitsRoundUpToWholeGib(): void
    {
        self::assertSame(1024, TemplateConfigReader::read(1, ['scsi0' => 'ceph:vm-1-disk-0,size=1T'])->diskGb);
        self::assertSame(2, TemplateConfigReader::read(1, ['scsi0' => 'ceph:vm-1-disk-0,size=1536M'])->diskGb);
        self::assertSame(3, TemplateConfigReader::read(1, ['scsi0' => 'ceph:vm-1-disk-0,size=2.5G'])->diskGb);
    }

    public function testTemplateFlag(): void
    {
        self::assertTrue(TemplateConfigReader::isTemplate(['template' => 1]));
        self::assertTrue(TemplateConfigReader::isTemplate(['template' => '1']));
        self::assertFalse(TemplateConfigReader::isTemplate(['name' => 'vm']));
    }
}
