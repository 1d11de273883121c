<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\SnapshotJob;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\SnapshotInfo;
use SupportProvisioningPortal\Service\ProxmoxDetails;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Tests\Fakes\ScriptedProxmox;

/**
 * A user's snapshot requests (Snapshots::list/take/rollback/delete): listed from Proxmox; a take,
 * rollback or delete is checked against the VM's snapshots (limit, name), recorded as the
 * deployment's one snapshot job and started at once by the worker. A refusal records nothing.
 */
final class SnapshotRequestTest extends UserActionTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        $this->pve->keepTasksRunning();
        $this->rights->grant(self::OWNER, ...[...self::USER_RIGHTS, Right::SNAPSHOT]);
        $this->rights->grant(self::COLLEAGUE, ...[...self::USER_RIGHTS, Right::SNAPSHOT]);
        $this->rights->grant(self::MANAGER, ...[...self::USER_RIGHTS, Right::SNAPSHOT, Right::MANAGE_ALL]);
    }

    public function testTheVmsSnapshotsAreListed(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, [], ['status' => 'running', 'snapshots' => ['spp_baseline', 'before_update']]);

        [$d, $snapshots] = $this->snapshots()->listFor(self::OWNER, $id);

        self::assertSame($id, $d->id);
        self::assertSame(['spp_baseline', 'before_update'], array_map(static fn (SnapshotInfo $s): string => $s->name, $snapshots));
    }

    public function testNothingIsAskedOfProxmoxWithoutAVmOrOnAnotherConnection(): void
    {
        $provisioning = $this->rows->add(['status' => Status::PROVISIONING->value, 'step' => Steps::CLONE]);
        $elsewhere = $this->rows->add(['status' => Status::STOPPED->value, 'vmid' => 102, 'node' => 'pve1', 'vm_connection' => 'pve-cluster:old']);
        $this->pve->failNext('snapshots', 'must not be asked');

        self::assertSame([], $this->snapshots()->listFor(self::OWNER, $provisioning)[1]);
        self::assertSame([], $this->snapshots()->listFor(self::OWNER, $elsewhere)[1]);
    }

    public function testAListFailureIsToldToTheOwnerAndWithheldFromASharedUser(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->rows->share($id, self::COLLEAGUE);

        $this->pve->failNext('snapshots', ScriptedProxmox::unreachable());
        $owners = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->snapshots()->listFor(self::OWNER, $id));
        $this->pve->failNext('snapshots', ScriptedProxmox::unreachable());
        $shared = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->snapshots()->listFor(self::COLLEAGUE, $id));

        self::assertSame('Proxmox did not answer (connection timed out)', $owners->getMessage());
        self::assertSame(ProxmoxDetails::withheld(), $shared->getMessage());
    }

    public function testATakeIsRecordedStartedAndDescribed(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['last_error' => 'an old failure'], ['status' => 'running']);

        $d = $this->snapshots()->takeFor(self::OWNER, $id, 'before_update', 'Before the update', true);

        $this->assertAt(Status::RUNNING, Steps::SNAPSHOT_WAIT, $d);
        self::assertEquals(new SnapshotJob(SnapshotJob::TAKE, 'before_update', 'Before the update', true), $d->snapshotJob);
        self::assertSame('', $d->lastError);
        self::assertSame(['createSnapshot'], $this->pve->changesTo(100), 'the worker sent the snapshot at once');
        self::assertSame(['kind' => 'take', 'name' => 'before_update', 'vmid' => 100, 'statusBefore' => 'RUNNING'], $this->auditDetails());

        $this->assertAt(Status::RUNNING, Steps::DONE, $this->afterTasks($id));
        self::assertSame(['before_update'], $this->pve->vms[100]['snapshots']);
    }

    public function testATakeBeyondTheLimitOrOfAUsedNameRecordsNothing(): void
    {
        $this->settings->snapshotLimit = 2;
        $id = $this->withVm(Status::STOPPED, Steps::DONE, 100, [], ['snapshots' => ['spp_baseline', 'one']]);

        $this->assertRefused(ErrorCode::SNAPSHOT_EXISTS, fn () => $this->snapshots()->takeFor(self::OWNER, $id, 'one', '', false));
        $this->snapshots()->takeFor(self::OWNER, $id, 'two', '', false);
        $this->afterTasks($id);
        $this->contexts->open();
        $this->assertRefused(ErrorCode::SNAPSHOT_LIMIT, fn () => $this->snapshots()->takeFor(self::OWNER, $id, 'three', '', false));

        self::assertSame(['spp_baseline', 'one', 'two'], $this->pve->vms[100]['snapshots'], 'the portal\'s baseline is not counted');
        $this->assertNothingRecorded($id);
    }

    public function testAReservedNameIsRefusedBeforeAnythingIsAsked(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->pve->failNext('snapshots', 'must not be asked');

        foreach (['spp_mine', 'current', 'pending'] as $name) {
            try {
                $this->snapshots()->takeFor(self::OWNER, $id, $name, '', false);
                self::fail("{$name} was accepted");
            } catch (InvalidInput $error) {
                self::assertSame('name', $error->field);
            }
        }
        $this->assertNothingRecorded($id);
    }

    public function testRefusalsByRightsRelationAndStatusRecordNothing(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $expired = $this->withVm(Status::EXPIRED, Steps::DONE, 101);
        $busy = $this->withVm(Status::STOPPED, Steps::DONE, 102, [], ['snapshots' => ['one']]);
        $this->snapshots()->takeFor(self::OWNER, $busy, 'first', '', false);
        $this->contexts->open();
        $elsewhere = $this->rows->add(['status' => Status::STOPPED->value, 'vmid' => 103, 'node' => 'pve1', 'vm_connection' => 'pve-cluster:old']);
        $this->rights->grant(self::OWNER, ...self::USER_RIGHTS);

        $this->assertRefused(ErrorCode::FORBIDDEN, fn () => $this->snapshots()->takeFor(self::OWNER, $id, 'one', '', false));
        $this->assertRefused(ErrorCode::DEPLOYMENT_NOT_FOUND, fn () => $this->snapshots()->takeFor(self::COLLEAGUE, $id, 'one', '', false));
        $this->rights->grant(self::OWNER, ...[...self::USER_RIGHTS, Right::SNAPSHOT]);
        $this->assertRefused(ErrorCode::DEPLOYMENT_EXPIRED, fn () => $this->snapshots()->takeFor(self::OWNER, $expired, 'one', '', false));
        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->snapshots()->rollbackFor(self::OWNER, $busy, 'one'));
        $this->assertRefused(ErrorCode::VM_OTHER_CONNECTION, fn () => $this->snapshots()->deleteFor(self::OWNER, $elsewhere, 'one'));

        self::assertSame(['createSnapshot 102'], $this->pve->changes, 'only the first job was sent');
        $this->assertNothingRecorded($id);
    }

    public function testASharedUserWithTheRightMayTakeOne(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->rows->share($id, self::COLLEAGUE);

        $this->assertAt(Status::STOPPED, Steps::SNAPSHOT_WAIT, $this->snapshots()->takeFor(self::COLLEAGUE, $id, 'mine', '', false));
    }

    public function testARollbackOfARunningVmStartsItAgainAndAMissingNameIsRefused(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, [], ['status' => 'running', 'snapshots' => ['one']]);

        $this->assertRefused(ErrorCode::SNAPSHOT_NOT_FOUND, fn () => $this->snapshots()->rollbackFor(self::OWNER, $id, 'two'));
        $this->assertNothingRecorded($id);
        $d = $this->snapshots()->rollbackFor(self::OWNER, $id, 'one');

        self::assertEquals(new SnapshotJob(SnapshotJob::ROLLBACK, 'one', start: true), $d->snapshotJob);
        self::assertSame(['rollbackSnapshot'], $this->pve->changesTo(100));
    }

    public function testOnlyAManagerDeletesTheBaseline(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE, 100, [], ['snapshots' => [SnapshotJob::BASELINE]]);

        $this->assertRefused(ErrorCode::FORBIDDEN, fn () => $this->snapshots()->deleteFor(self::OWNER, $id, SnapshotJob::BASELINE));
        $this->assertNothingRecorded($id);
        $d = $this->snapshots()->deleteFor(self::MANAGER, $id, SnapshotJob::BASELINE);

        self::assertEquals(new SnapshotJob(SnapshotJob::DELETE, SnapshotJob::BASELINE), $d->snapshotJob);
        $this->afterTasks($id);
        self::assertSame([], $this->pve->vms[100]['snapshots']);
    }

    public function testAVmThatIsNotTheDeploymentsIsNeitherListedNorChanged(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->someoneElsesVm(100, ['snapshots' => ['theirs']]);

        $this->assertRefused(ErrorCode::VM_NOT_OWNED, fn () => $this->snapshots()->listFor(self::OWNER, $id));
        $this->assertRefused(ErrorCode::VM_NOT_OWNED, fn () => $this->snapshots()->deleteFor(self::OWNER, $id, 'theirs'));

        self::assertSame([], $this->pve->changesTo(100));
        self::assertSame(['theirs'], $this->pve->vms[100]['snapshots']);
    }

    public function testAJobThatLostTheRaceForTheDeploymentIsRefusedBusy(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        // The owner's deletion won between the check and the job's record.
        $this->rows->beforeNextChange(fn () => $this->rows->change($id, ['status' => Status::DELETING->value, 'step' => Steps::DELETE]));

        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->snapshots()->takeFor(self::OWNER, $id, 'one', '', false));

        self::assertNull($this->rows->find($id)?->snapshotJob);
        self::assertSame([], $this->pve->changes);
    }

    private function assertNothingRecorded(int $id): void
    {
        $d = $this->rows->find($id) ?? self::fail('gone');
        self::assertSame([Steps::DONE, null], [$d->step, $d->snapshotJob]);
        self::assertSame([], $this->contexts->current()->details(), 'no audit details');
    }
}
