<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\LifetimeCap;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Domain\TicketFields;
use SupportProvisioningPortal\Service\Quota;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Store\LockTimeout;
use SupportProvisioningPortal\Tests\Fakes\ScriptedProxmox;

/**
 * A create request (Deployments::createFor): the row is inserted under the quota lock only when every
 * check passed, so a refusal of any kind leaves nothing behind; the worker clones it afterwards.
 */
final class CreateRequestTest extends UserActionTestCase
{
    private int $template;

    protected function setUp(): void
    {
        parent::setUp();
        $this->template = $this->templates->add(['memory_mb' => 4096, 'cpu_cores' => 4, 'disk_gb' => 64]);
    }

    public function testInsertsAPlacedProvisioningDeploymentWithTheTemplatesResources(): void
    {
        $d = $this->deployments()->createFor(self::OWNER, $this->template, ' Lab ', null, false, new TicketFields('SUP-1', 'ACME'));

        $this->assertAt(Status::PROVISIONING, Steps::CLONE, $d);
        self::assertSame(['Lab', 4, 4096, 64, 'pve1', '2026-03-02 17:00:00'], [$d->name, $d->cpuCores, $d->memoryMb, $d->diskGb, $d->node, $d->expiresAt]);
        self::assertSame(['node' => 'pve1', 'needMb' => 4096], json_decode((string) $this->rows->row($d->id)['placement'], true));
        self::assertNotSame('', $this->rows->row($d->id)['vm_marker']);
        self::assertSame(0, $this->locks->held[Quota::LOCK]);
        $context = $this->contexts->current();
        self::assertSame(['deployment', (string) $d->id, $d->id], [$context->objectType(), $context->objectId(), $context->deploymentId()]);
        self::assertSame(
            ['templateId' => $this->template, 'memoryMb' => 4096, 'ttlHours' => 8, 'neverExpire' => false, 'ticketRef' => 'SUP-1', 'customer' => 'ACME', 'purpose' => ''],
            $context->details()
        );
        self::assertSame([], $this->pve->changes, 'the clone is the worker\'s');
    }

    public function testTheWorkerClonesWhatTheRequestCreated(): void
    {
        $d = $this->deployments()->createFor(self::OWNER, $this->template, 'Lab', 2, false);

        // Its tasks end when polled, so one pass takes every step.
        $this->assertAt(Status::STOPPED, Steps::DONE, $this->pass($d->id));
        self::assertSame(['cloneTemplate 100', 'pve1'], [$this->pve->changes[0], $this->pve->vms[100]['node']]);
    }

    public function testAnUnnamedDeploymentIsNamedAfterTicketTemplateAndOwner(): void
    {
        $named = $this->deployments()->createFor(self::OWNER, $this->template, ' ', null, false, new TicketFields('SUP-7'));
        $this->limits->userVms = null;
        $unknownOwner = $this->deployments()->createFor(42, $this->template, '', null, false);

        self::assertSame(['SUP-7 Windows Server (alice)', 'Windows Server (42)'], [$named->name, $unknownOwner->name]);
    }

    public function testANeverExpiringDeploymentHasNoExpiry(): void
    {
        $d = $this->deployments()->createFor(self::OWNER, $this->template, 'Lab', 4, true);

        self::assertSame([true, null, null], [$d->neverExpire, $d->expiresAt, $this->rows->row($d->id)['ttl_hours']]);
    }

    public function testRefusalsBeforeTheQuotaLockInsertNothing(): void
    {
        $retired = $this->templates->add(['active' => 0]);
        $ticketed = $this->templates->add(['require_ticket_ref' => 1]);
        $short = $this->templates->add(['max_ttl_hours' => 4]);
        $capped = $this->templates->add(['allow_never_expire' => 0]);

        $this->assertRefused(ErrorCode::TEMPLATE_NOT_FOUND, fn () => $this->deployments()->createFor(self::OWNER, 99, 'Lab', null, false));
        $this->assertRefused(ErrorCode::TEMPLATE_NOT_FOUND, fn () => $this->deployments()->createFor(self::OWNER, $retired, 'Lab', null, false));
        $this->assertRefused(ErrorCode::TICKET_REF_REQUIRED, fn () => $this->deployments()->createFor(self::OWNER, $ticketed, 'Lab', null, false));
        $ttl = $this->assertRefused(ErrorCode::TTL_OUT_OF_RANGE, fn () => $this->deployments()->createFor(self::OWNER, $short, 'Lab', 5, false));
        $cap = $this->assertRefused(ErrorCode::LIFETIME_CAP, fn () => $this->deployments()->createFor(self::OWNER, $capped, 'Lab', null, true));

        self::assertSame(4, $ttl->data['maxHours'] ?? null);
        self::assertSame(['cap' => LifetimeCap::NEVER_EXPIRE], $cap->data);
        $this->assertNothingCreated();
        self::assertSame([], $this->locks->asked, 'refused before the quota lock');
    }

    public function testAManagerMayExceedALifetimeCapOnTheRecord(): void
    {
        $capped = $this->templates->add(['allow_never_expire' => 0]);

        $d = $this->deployments()->createFor(self::MANAGER, $capped, 'Lab', null, true);

        self::assertTrue($d->neverExpire);
        self::assertSame(['cap' => LifetimeCap::NEVER_EXPIRE], $this->contexts->current()->details()['capExceeded'] ?? null);
    }

    public function testTheOwnersRamQuotaRefusesAndNothingIsInserted(): void
    {
        $this->limits->userRamMb = 6144;
        $this->deployments()->createFor(self::OWNER, $this->template, 'First', null, false);

        $error = $this->assertRefused(ErrorCode::QUOTA_EXCEEDED, fn () => $this->deployments()->createFor(self::OWNER, $this->template, 'Second', null, false));

        self::assertSame('This needs 4096 MB of RAM, but you already use 4096 MB of your 6144 MB RAM quota.', $error->getMessage());
        self::assertNull($this->rows->find(2));
        self::assertSame(0, $this->locks->held[Quota::LOCK]);
    }

    public function testTheGlobalQuotaAndTheVmLimitRefuseToo(): void
    {
        $this->limits->globalRamMb = 4096;
        $this->rows->add(['status' => Status::RUNNING->value, 'vmid' => 100, 'memory_mb' => 1024, 'owner_id' => self::COLLEAGUE]);
        $global = $this->assertRefused(ErrorCode::QUOTA_EXCEEDED, fn () => $this->deployments()->createFor(self::OWNER, $this->template, 'Lab', null, false));

        $this->limits->globalRamMb = null;
        $this->limits->userVms = 1;
        $this->rows->add(['status' => Status::EXPIRED->value, 'vmid' => 101, 'memory_mb' => 1024]);
        $vms = $this->assertRefused(ErrorCode::QUOTA_EXCEEDED, fn () => $this->deployments()->createFor(self::OWNER, $this->template, 'Lab', null, false));

        self::assertSame(['global', 'vms'], [$global->data['scope'] ?? null, $vms->data['scope'] ?? null]);
        self::assertStringContainsString('expired ones included', $vms->getMessage());
        self::assertNull($this->rows->find(3));
    }

    public function testNoNodeWithRoomRefusesAndNothingIsInserted(): void
    {
        $this->placement->nodes = [];

        $this->assertRefused(ErrorCode::NO_NODE_CAPACITY, fn () => $this->deployments()->createFor(self::OWNER, $this->template, 'Lab', null, false));

        $this->assertNothingCreated();
        self::assertSame(0, $this->locks->held[Quota::LOCK], 'the quota lock was given back');
    }

    public function testAProxmoxThatCannotBeAskedLeavesThePlacementToTheWorker(): void
    {
        $this->pve->failNext('clusterNodes', ScriptedProxmox::unreachable());

        $d = $this->deployments()->createFor(self::OWNER, $this->template, 'Lab', null, false);

        self::assertSame([Status::PROVISIONING, Steps::CLONE, '', ''], [$d->status, $d->step, $d->node, $this->rows->row($d->id)['placement']]);
        $this->assertAt(Status::STOPPED, Steps::DONE, $this->pass($d->id));
        self::assertSame('pve1', $this->rows->find($d->id)?->node, 'placed by the worker right before its clone');
    }

    public function testATakenQuotaLockInsertsNothing(): void
    {
        $this->locks->refuse = true;

        $this->expectException(LockTimeout::class);
        try {
            $this->deployments()->createFor(self::OWNER, $this->template, 'Lab', null, false);
        } finally {
            $this->assertNothingCreated();
        }
    }

    private function assertNothingCreated(): void
    {
        self::assertNull($this->rows->find(1), 'no deployment row was left behind');
    }
}
