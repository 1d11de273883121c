<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Service;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Proxmox\ClusterVm;
use SupportProvisioningPortal\Proxmox\VmFacts;
use SupportProvisioningPortal\Service\VmMarker;

final class VmMarkerTest extends TestCase
{
    private static function vm(string $name, string $tags = '', string $description = ''): VmFacts
    {
        return VmFacts::fromConfig(['name' => $name, 'tags' => $tags, 'description' => $description]);
    }

    public function testNoncesAreFitForNamesAndTagsAndDiffer(): void
    {
        $a = VmMarker::newNonce();
        $b = VmMarker::newNonce();
        self::assertMatchesRegularExpression('/^[a-z0-9]{12}$/', $a);
        self::assertNotSame($a, $b);
    }

    public function testTheNameStartsWithTheMarkerAndStaysADnsName(): void
    {
        $marker = VmMarker::of(42, 'k3j9x0q2m7ab');
        self::assertSame('spp-42-k3j9x0q2m7ab', $marker->value());
        self::assertSame('spp-42-k3j9x0q2m7ab-build-box', $marker->vmName('build-box'));
        self::assertSame('spp-42-k3j9x0q2m7ab', $marker->vmName(''));
        $long = $marker->vmName(str_repeat('ab-', 30));
        self::assertLessThanOrEqual(63, strlen($long));
        self::assertStringEndsNotWith('-', $long);
    }

    public function testAVmCarriesTheMarkerInItsNameTagsOrDescription(): void
    {
        $marker = VmMarker::of(42, 'k3j9x0q2m7ab');
        self::assertTrue($marker->isCarriedBy(self::vm('spp-42-k3j9x0q2m7ab-build-box')));
        self::assertTrue($marker->isCarriedBy(self::vm('spp-42-k3j9x0q2m7ab')));
        self::assertTrue($marker->isCarriedBy(self::vm('renamed-by-hand', 'spp;spp-42-k3j9x0q2m7ab')));
        self::assertTrue($marker->isCarriedBy(self::vm('renamed-by-hand', '', "Managed by the portal.\nmarker: spp-42-k3j9x0q2m7ab\n")));
    }

    public function testAnotherDeploymentsOrAHandMadeVmDoesNotCarryIt(): void
    {
        $marker = VmMarker::of(42, 'k3j9x0q2m7ab');
        self::assertFalse($marker->isCarriedBy(self::vm('spp-42-zzzzzzzzzzzz-build-box', 'spp;spp-deployment-42')), 'same deployment id, other site');
        self::assertFalse($marker->isCarriedBy(self::vm('spp-42-k3j9x0q2m7abc')), 'a longer nonce is another marker');
        self::assertFalse($marker->isCarriedBy(self::vm('spp-4-k3j9x0q2m7ab')));
        self::assertFalse($marker->isCarriedBy(self::vm('web-server', 'prod')));
        self::assertFalse($marker->isCarriedBy(self::vm('', '', 'lock: clone')), "a clone task's placeholder");
    }

    public function testADeploymentWithoutNonceNeedsItsOldNameAndTagTogether(): void
    {
        $legacy = VmMarker::of(7, '');
        self::assertSame('spp-deployment-7', $legacy->tag());
        self::assertTrue($legacy->isCarriedBy(self::vm('spp-7-old-name', 'spp;spp-deployment-7;spp-owner-3')));
        self::assertFalse($legacy->isCarriedBy(self::vm('spp-7-old-name')), 'the name alone is guessable');
        self::assertFalse($legacy->isCarriedBy(self::vm('other', 'spp-deployment-7')));
        self::assertFalse($legacy->isCarriedBy(self::vm('spp-70-x', 'spp-deployment-7')));
    }

    public function testTheMarkersAListedVmCarriesAreReadFromItsNameAndTags(): void
    {
        $vm = new ClusterVm(100, 'pve1', 'spp-42-k3j9x0q2m7ab-build-box', ['spp', 'spp-43-abcdefghijkl', 'spp-deployment-42'], true, 2048, 2);
        self::assertSame(['spp-42-k3j9x0q2m7ab', 'spp-43-abcdefghijkl'], array_keys(VmMarker::carriedBy($vm)));
        self::assertSame(42, VmMarker::parse('spp-42-k3j9x0q2m7ab')?->deploymentId());
        self::assertSame('k3j9x0q2m7ab', VmMarker::parse('spp-42-k3j9x0q2m7ab-x')?->nonce());
    }

    public function testOnlyMarkersWithANonceAreRead(): void
    {
        self::assertNull(VmMarker::parse('spp-7-old-name'), 'no nonce: a guessable name');
        self::assertNull(VmMarker::parse('spp-42-k3j9x0q2m7abc'), 'a longer nonce');
        self::assertNull(VmMarker::parse('spp-0-k3j9x0q2m7ab'));
        self::assertSame([], VmMarker::carriedBy(new ClusterVm(101, 'pve1', 'web', ['spp-42-k3j9x0q2m7ab-x'], false, 512, 1)), 'a tag must be the marker itself');
    }
}
