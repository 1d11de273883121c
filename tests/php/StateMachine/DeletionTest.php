<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Support\Time;

/** Deletion: stop, destroy, DELETED; a VM that is not provably the deployment's is left alone. */
final class DeletionTest extends WorkerTestCase
{
    public function testARunningVmIsStoppedThenDestroyed(): void
    {
        $id = $this->withVm(Status::DELETING, Steps::DELETE, 100, [], ['status' => 'running']);

        $d = $this->pass($id);
        $this->assertAt(Status::DELETING, Steps::DELETE_STOP_WAIT, $d);
        $d = $this->afterTasks($id);
        $this->assertAt(Status::DELETING, Steps::DESTROY_WAIT, $d);
        $this->clock->advance(3);
        $d = $this->afterTasks($id);

        $this->assertAt(Status::DELETED, Steps::DONE, $d);
        self::assertArrayNotHasKey(100, $this->pve->vms);
        self::assertSame(['stop', 'destroy'], $this->pve->changesTo(100));
        self::assertSame(Time::toDb($this->clock->now()), $this->rows->row($id)['deleted_at']);
        self::assertSame(['deployment.deleted'], $this->audit->actions());
        self::assertSame(['vmid' => 100, 'status' => Status::DELETED->value], $this->audit->last()['details']);
    }

    public function testAProtectedVmLosesItsProtectionFirst(): void
    {
        $id = $this->withVm(Status::DELETING, Steps::DELETE, 100, [], ['protected' => true]);

        $d = $this->pass($id);
        $this->assertAt(Status::DELETING, Steps::DESTROY_WAIT, $d);
        $d = $this->afterTasks($id);

        $this->assertAt(Status::DELETED, Steps::DONE, $d);
        self::assertSame(['setProtection', 'destroy'], $this->pve->changesTo(100));
    }

    public function testAVmAlreadyGoneEndsTheDeletionWithTheReason(): void
    {
        $id = $this->withVm(Status::DELETING, Steps::DELETE);
        unset($this->pve->vms[100]);

        $d = $this->pass($id);

        $this->assertAt(Status::DELETED, Steps::DONE, $d);
        self::assertSame('The VM no longer exists on the cluster (VMID 100).', $d->lastError);
        self::assertSame($d->lastError, $this->audit->last()['details']['vmUntouched']);
    }

    public function testSomeoneElsesVmUnderTheVmidIsLeftUntouchedAndReported(): void
    {
        $id = $this->rows->add(['status' => Status::DELETING->value, 'step' => Steps::DELETE, 'node' => 'pve1', 'vmid' => 100, 'vm_connection' => self::CONNECTION]);
        $this->someoneElsesVm(100, ['status' => 'running']);

        $d = $this->pass($id);

        $this->assertAt(Status::DELETED, Steps::DONE, $d);
        self::assertSame([], $this->pve->changesTo(100));
        self::assertSame('running', $this->pve->vms[100]['status']);
        self::assertSame(['deployment.vm_not_owned', 'deployment.deleted'], $this->audit->actions());
        self::assertSame(Steps::DELETE, $this->audit->rows[0]['details']['step']);
    }

    public function testAVmMadeOnAnotherConnectionIsNotReachedForAndOnlyTheRecordGoes(): void
    {
        $id = $this->withVm(Status::DELETING, Steps::DELETE, 100, ['vm_connection' => 'mock']);

        $d = $this->pass($id);

        $this->assertAt(Status::DELETED, Steps::DONE, $d);
        self::assertSame([], $this->pve->changesTo(100));
        self::assertStringContainsString('made on another connection (the mock node)', $d->lastError);
        self::assertSame(['deployment.vm_not_owned', 'deployment.deleted'], $this->audit->actions());
    }

    public function testAFailedDestroyTaskFailsTheDeletion(): void
    {
        $id = $this->withVm(Status::DELETING, Steps::DELETE);
        $this->pass($id);
        $this->pve->endNextTask('qmdestroy', 'storage ceph-pool is not online');

        $d = $this->afterTasks($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame('storage ceph-pool is not online', $d->lastError);
        self::assertSame(['deployment.delete_failed'], $this->audit->actions());
    }

    public function testAFailedStopFailsTheDeletion(): void
    {
        $id = $this->withVm(Status::DELETING, Steps::DELETE, 100, [], ['status' => 'running']);
        $this->pass($id);
        $this->pve->endNextTask('qmstop', 'timeout waiting on systemd');

        $d = $this->afterTasks($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame('running', $this->pve->vms[100]['status']);
    }

    public function testADestroyProxmoxRefusesFailsTheDeletion(): void
    {
        $id = $this->withVm(Status::DELETING, Steps::DELETE);
        $this->pve->failNext('destroy', '500 storage is offline');

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame('500 storage is offline', $d->lastError);
    }

    public function testADeletionWaitsForALockAndThenGoesOn(): void
    {
        $id = $this->withVm(Status::DELETING, Steps::DELETE, 100, [], ['lock' => 'backup']);

        $d = $this->pass($id);
        $this->assertAt(Status::DELETING, Steps::DELETE, $d);
        self::assertSame('waiting: VM is locked by a backup', $d->lastError);

        $this->pve->putVm(100, ['lock' => null]);
        $d = $this->afterTasks($id);
        $d = $this->afterTasks($id);

        $this->assertAt(Status::DELETED, Steps::DONE, $d);
        self::assertSame('', $d->lastError);
    }
}
