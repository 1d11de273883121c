<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\SnapshotJob;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;

/** A user's snapshot work: take, rollback, delete, each sent once the VM is proven the deployment's. */
final class SnapshotStepsTest extends WorkerTestCase
{
    public function testATakeEndsWithTheSnapshotAndItsAuditRow(): void
    {
        $id = $this->snapshotJob(Status::RUNNING, new SnapshotJob(SnapshotJob::TAKE, 'before_update', 'Before the update'), ['status' => 'running']);

        $d = $this->pass($id);
        $this->assertAt(Status::RUNNING, Steps::SNAPSHOT_WAIT, $d);
        $d = $this->afterTasks($id);

        $this->assertAt(Status::RUNNING, Steps::DONE, $d);
        self::assertNull($d->snapshotJob);
        self::assertSame(['before_update'], $this->pve->vms[100]['snapshots']);
        self::assertSame(['deployment.snapshot_taken'], $this->audit->actions());
        self::assertSame(['kind' => 'take', 'name' => 'before_update', 'vmid' => 100], $this->audit->last()['details']);
    }

    public function testATakeBeyondTheLimitIsRefusedWithoutACall(): void
    {
        $this->settings->snapshotLimit = 2;
        $id = $this->snapshotJob(Status::STOPPED, new SnapshotJob(SnapshotJob::TAKE, 'third'), ['snapshots' => ['spp_baseline', 'one', 'two']]);

        $d = $this->pass($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame('This deployment already has as many snapshots as allowed; delete one first.', $d->lastError);
        self::assertSame([], $this->pve->changesTo(100));
        self::assertSame(['deployment.snapshot_failed'], $this->audit->actions());
    }

    public function testATakeOfANameTheVmAlreadyHasIsRefused(): void
    {
        $id = $this->snapshotJob(Status::STOPPED, new SnapshotJob(SnapshotJob::TAKE, 'one'), ['snapshots' => ['one']]);

        $d = $this->pass($id);

        self::assertSame('The VM already has a snapshot of that name.', $d->lastError);
        self::assertSame([], $this->pve->changesTo(100));
    }

    public function testARollbackThatStartsTheVmLeavesTheDeploymentRunning(): void
    {
        $id = $this->snapshotJob(Status::STOPPED, new SnapshotJob(SnapshotJob::ROLLBACK, 'one', '', false, true), ['snapshots' => ['one']]);

        $this->pass($id);
        $d = $this->afterTasks($id);

        $this->assertAt(Status::RUNNING, Steps::DONE, $d);
        self::assertSame(['deployment.rolled_back'], $this->audit->actions());
    }

    public function testARollbackOfARunningVmWithoutStartLeavesItStoppedWithoutAddresses(): void
    {
        $id = $this->snapshotJob(Status::RUNNING, new SnapshotJob(SnapshotJob::ROLLBACK, 'one'), ['status' => 'running', 'snapshots' => ['one']], ['ip_addresses' => '["192.0.2.5"]']);

        $this->pass($id);
        $d = $this->afterTasks($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame([], $d->ipAddresses);
    }

    public function testAFailedRollbackEndsTheWorkWithTheReasonAndTheStateTheVmIsIn(): void
    {
        $id = $this->snapshotJob(Status::RUNNING, new SnapshotJob(SnapshotJob::ROLLBACK, 'one'), ['status' => 'running', 'snapshots' => ['one']]);
        $this->pass($id);
        $this->pve->endNextTask('qmrollback', 'rollback failed: disk is busy');
        $this->pve->putVm(100, ['status' => 'stopped']);

        $d = $this->afterTasks($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame('rollback failed: disk is busy', $d->lastError);
        self::assertSame(['deployment.snapshot_failed'], $this->audit->actions());
    }

    public function testADeleteRemovesTheSnapshot(): void
    {
        $id = $this->snapshotJob(Status::STOPPED, new SnapshotJob(SnapshotJob::DELETE, 'one'), ['snapshots' => ['one', 'two']]);

        $this->pass($id);
        $d = $this->afterTasks($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame(['two'], $this->pve->vms[100]['snapshots']);
        self::assertSame(['deployment.snapshot_deleted'], $this->audit->actions());
    }

    public function testATakeOnAStorageWithoutSnapshotsNamesTheProblem(): void
    {
        $id = $this->snapshotJob(Status::STOPPED, new SnapshotJob(SnapshotJob::TAKE, 'one'));
        $this->pass($id);
        $this->pve->endNextTask('qmsnapshot', 'snapshot feature is not available');

        $d = $this->afterTasks($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertStringContainsString('cannot take snapshots', $d->lastError);
    }

    public function testSnapshotWorkOnAVmThatIsNotTheDeploymentsEndsWithoutACall(): void
    {
        $id = $this->rows->add([
            'status' => Status::STOPPED->value, 'step' => Steps::SNAPSHOT, 'node' => 'pve1', 'vmid' => 100,
            'vm_connection' => self::CONNECTION, 'snapshot_job' => (new SnapshotJob(SnapshotJob::DELETE, 'one'))->toJson(),
        ]);
        $this->someoneElsesVm(100);

        $d = $this->pass($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame([], $this->pve->changesTo(100));
        self::assertSame(['deployment.vm_not_owned', 'deployment.snapshot_failed'], $this->audit->actions());
    }

    public function testSnapshotWorkWaitsForALockThenFailsOnceTheWaitRunsOut(): void
    {
        $this->settings->lockWaitMinutes = 1;
        $id = $this->snapshotJob(Status::STOPPED, new SnapshotJob(SnapshotJob::TAKE, 'one'), ['lock' => 'backup']);

        $d = $this->pass($id);
        $this->assertAt(Status::STOPPED, Steps::SNAPSHOT, $d);
        self::assertSame('waiting: VM is locked by a backup', $d->lastError);
        $this->clock->advance(60);

        $d = $this->pass($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame('VM is locked by a backup: gave up after 1 minutes', $d->lastError);
        self::assertNull($d->snapshotJob);
    }

    /**
     * @param array{status?: string, lock?: ?string, snapshots?: list<string>} $vm
     * @param array<string, int|string|null> $columns
     */
    private function snapshotJob(Status $status, SnapshotJob $job, array $vm = [], array $columns = []): int
    {
        return $this->withVm($status, Steps::SNAPSHOT, 100, ['snapshot_job' => $job->toJson()] + $columns, $vm);
    }
}
