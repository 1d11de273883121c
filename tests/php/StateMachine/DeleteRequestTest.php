<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;

/**
 * A user's delete request (Lifecycle::delete): who may, from which states, what RAM it gives back,
 * and that it only hands the deletion to the worker (no Proxmox call in the request).
 */
final class DeleteRequestTest extends UserActionTestCase
{
    public function testTheOwnerHandsAStoppedDeploymentToTheWorkersDeletion(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE, 100, ['memory_mb' => 2048, 'waiting_since' => '2026-03-02 08:00:00']);

        $d = $this->lifecycle()->deleteFor(self::OWNER, $id);

        $this->assertAt(Status::DELETING, Steps::DELETE, $d);
        self::assertSame([0, null], [$this->rows->row($id)['ram_released'], $this->rows->row($id)['waiting_since']]);
        self::assertSame(2048, $this->quota()->usageOf(self::OWNER)['user']['usedMb'], 'a deletion holds its RAM until the VM is gone');
        self::assertSame(['statusBefore' => 'STOPPED', 'vmid' => 100], $this->auditDetails());
        self::assertSame([], $this->pve->changes);
    }

    public function testDeletingAnExpiredOrFailedDeploymentDoesNotBringBackItsRam(): void
    {
        $this->limits->userRamMb = 2048;
        $expired = $this->withVm(Status::EXPIRED, Steps::DONE, 100, ['memory_mb' => 2048]);
        $failed = $this->rows->add(['status' => Status::FAILED->value, 'memory_mb' => 2048, 'last_error' => 'clone failed']);

        $this->lifecycle()->deleteFor(self::OWNER, $expired);
        $this->lifecycle()->deleteFor(self::OWNER, $failed);

        self::assertSame([1, 1], [$this->rows->row($expired)['ram_released'], $this->rows->row($failed)['ram_released']]);
        self::assertSame(0, $this->quota()->usageOf(self::OWNER)['user']['usedMb']);
    }

    public function testADeploymentWhoseTimeIsUpIsExpiredBeforeItIsDeleted(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE, 100, ['expires_at' => '2026-03-02 08:59:59']);

        $d = $this->lifecycle()->deleteFor(self::OWNER, $id);

        $this->assertAt(Status::DELETING, Steps::DELETE, $d);
        self::assertSame('deployment.expire', $this->audit->rows[0]['action']);
        self::assertSame(['setProtection'], $this->pve->changesTo(100), 'the expiry protected the VM; the deletion is the worker\'s');
        self::assertSame(1, $this->rows->row($id)['ram_released'], 'expired first, so its RAM stays released');
    }

    public function testAManagerDeletesSomeoneElsesDeploymentButASharedUserMayNot(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE);
        $this->rows->share($id, self::COLLEAGUE);

        $this->assertRefused(ErrorCode::FORBIDDEN, fn () => $this->lifecycle()->deleteFor(self::COLLEAGUE, $id));
        self::assertSame(Status::RUNNING, $this->rows->find($id)?->status);

        $this->assertAt(Status::DELETING, Steps::DELETE, $this->lifecycle()->deleteFor(self::MANAGER, $id));
    }

    public function testAStrangerLearnsNothingAndAUserWithoutTheRightIsForbidden(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE);
        $this->rights->grant(self::COLLEAGUE, Right::PORTAL_ACCESS, Right::START);

        $this->assertRefused(ErrorCode::DEPLOYMENT_NOT_FOUND, fn () => $this->lifecycle()->deleteFor(self::COLLEAGUE, $id));
        $this->assertRefused(ErrorCode::DEPLOYMENT_NOT_FOUND, fn () => $this->lifecycle()->deleteFor(self::OWNER, 999));
        $this->rights->grant(self::OWNER, Right::PORTAL_ACCESS, Right::START);
        $this->assertRefused(ErrorCode::FORBIDDEN, fn () => $this->lifecycle()->deleteFor(self::OWNER, $id));
        self::assertSame(Status::RUNNING, $this->rows->find($id)?->status);
    }

    public function testWorkInFlightMakesTheDeploymentBusy(): void
    {
        $provisioning = $this->provisioning(['step' => Steps::CLONE_WAIT, 'retry_at' => '2026-03-02 10:00:00']);
        $snapshotting = $this->withVm(Status::STOPPED, Steps::SNAPSHOT, 101, ['retry_at' => '2026-03-02 10:00:00']);

        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->lifecycle()->deleteFor(self::OWNER, $provisioning));
        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->lifecycle()->deleteFor(self::OWNER, $snapshotting));
        self::assertSame([Status::PROVISIONING, Status::STOPPED], [$this->rows->find($provisioning)?->status, $this->rows->find($snapshotting)?->status]);
    }

    public function testADeploymentOnAnotherConnectionMayStillBeDeleted(): void
    {
        $id = $this->rows->add(['status' => Status::STOPPED->value, 'vmid' => 100, 'node' => 'pve1', 'vm_connection' => 'pve-cluster:old']);

        $this->assertAt(Status::DELETING, Steps::DELETE, $this->lifecycle()->deleteFor(self::OWNER, $id));
    }

    public function testOfTwoRacingDeletionsOneWinsAndTheOtherIsBusy(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->rows->beforeNextChange(fn () => $this->rows->change($id, ['status' => Status::DELETING->value, 'step' => Steps::DELETE]));

        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->lifecycle()->deleteFor(self::OWNER, $id));
        self::assertSame([], $this->auditDetails(), 'the loser describes no deletion');
    }
}
