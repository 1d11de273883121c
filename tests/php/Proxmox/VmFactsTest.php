<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Proxmox;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Proxmox\VmFacts;
use SupportProvisioningPortal\Proxmox\VmRef;

final class VmFactsTest extends TestCase
{
    public function testReadsNameTagsLockProtectionAndDigest(): void
    {
        $facts = VmFacts::fromConfig([
            'name' => 'spp-3-abc', 'tags' => 'SPP;spp-3-abc', 'lock' => 'backup', 'protection' => '1', 'digest' => 'd1',
            'description' => "a\nb",
        ]);
        self::assertSame(['spp', 'spp-3-abc'], $facts->tags, 'Proxmox lower-cases tags');
        self::assertSame('backup', $facts->lock);
        self::assertTrue($facts->protected);
        self::assertSame('d1', $facts->digest);
        self::assertSame("a\nb", $facts->description);
    }

    public function testAPlaceholderConfigHasNoNameAndNoProtection(): void
    {
        $facts = VmFacts::fromConfig(['lock' => 'clone']);
        self::assertSame('', $facts->name);
        self::assertSame([], $facts->tags);
        self::assertFalse($facts->protected);
        self::assertNull(VmFacts::fromConfig([])->lock);
    }

    public function testAVmRefFollowsItsVmToAnotherNode(): void
    {
        $vm = new VmRef('pve-cluster:lab', 'pve-a', 105);
        $moved = $vm->onNode('pve-b');
        self::assertSame(['pve-cluster:lab', 'pve-b', 105], [$moved->connection, $moved->node, $moved->vmid]);
        self::assertSame('pve-a', $vm->node, 'a value: the original is unchanged');
        self::assertSame('VM 105 on node pve-b', (string) $moved);
    }
}
