<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Service\VmNaming;

/** Provisioning as it goes when nothing fails: clone → wait → configure → (baseline →) start. */
final class ProvisioningTest extends WorkerTestCase
{
    public function testEveryStepFromCloneToRunning(): void
    {
        $id = $this->provisioning(['template_start_after_create' => 1]);

        $d = $this->pass($id);
        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame(100, $d->vmid);
        self::assertSame(self::CONNECTION, $d->connection);
        self::assertSame(1, $d->cloneAttempts);
        self::assertSame('clone', $this->pve->vms[100]['lock'], 'the clone task still copies the disks');

        $d = $this->pass($id);
        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);

        $d = $this->afterTasks($id);
        $this->assertAt(Status::PROVISIONING, Steps::START_WAIT, $d);
        self::assertSame(VmNaming::tags($d), $this->pve->vms[100]['tags'], 'configure marked the VM as the portal\'s');
        self::assertSame(['cloneTemplate', 'configure', 'start'], $this->pve->changesTo(100));

        $d = $this->afterTasks($id);
        $this->assertAt(Status::RUNNING, Steps::DONE, $d);
        self::assertSame('running', $this->pve->vms[100]['status']);
        self::assertSame('', $d->lastError);
        self::assertSame(['deployment.provisioned'], $this->audit->actions());
        self::assertSame(['vmid' => 100, 'status' => Status::RUNNING->value], $this->audit->last()['details']);
        self::assertSame(['', null], [$this->rows->row($id)['claim_token'], $this->rows->row($id)['claimed_until']], 'the claim was released');
    }

    public function testATemplateThatDoesNotStartEndsStopped(): void
    {
        $id = $this->provisioning();
        $this->pass($id);

        $d = $this->afterTasks($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame('stopped', $this->pve->vms[100]['status']);
        self::assertSame([], $this->pve->runningTasks());
        self::assertSame(['deployment.provisioned'], $this->audit->actions());
    }

    public function testTheBaselineSnapshotIsTakenOfTheStoppedConfiguredVmBeforeTheStart(): void
    {
        $id = $this->provisioning(['template_start_after_create' => 1, 'template_baseline_snapshot' => 1]);
        $this->pass($id);

        $d = $this->afterTasks($id);
        $this->assertAt(Status::PROVISIONING, Steps::BASELINE_WAIT, $d);
        self::assertSame(['cloneTemplate', 'configure', 'createSnapshot'], $this->pve->changesTo(100));
        self::assertSame('stopped', $this->pve->vms[100]['status']);

        $d = $this->afterTasks($id);
        $this->assertAt(Status::PROVISIONING, Steps::START_WAIT, $d);
        self::assertSame(['spp_baseline'], $this->pve->vms[100]['snapshots']);

        $d = $this->afterTasks($id);
        $this->assertAt(Status::RUNNING, Steps::DONE, $d);
        self::assertSame(['vmid' => 100, 'status' => Status::RUNNING->value, 'baseline' => 'spp_baseline'], $this->audit->last()['details']);
    }

    public function testABaselineTheStorageCannotTakeLeavesTheVmProvisionedWithTheReason(): void
    {
        $id = $this->provisioning(['template_baseline_snapshot' => 1]);
        $this->pass($id);
        $this->pve->endNextTask('qmsnapshot', "snapshot feature is not available");
        $this->afterTasks($id);

        $d = $this->afterTasks($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertStringContainsString('cannot take snapshots', $d->lastError);
        self::assertNull($this->audit->last()['details']['baseline']);
        self::assertSame($d->lastError, $this->audit->last()['details']['baselineProblem']);
    }

    public function testABaselineCallRefusedOutrightAlsoLeavesTheVmProvisioned(): void
    {
        $id = $this->provisioning(['template_baseline_snapshot' => 1]);
        $this->pass($id);
        $this->pve->failNext('createSnapshot', 'snapshot feature is not available');

        $d = $this->afterTasks($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertStringContainsString('snapshot feature is not available', $d->lastError);
    }

    public function testTheSitesClonesTakeTurnsForNextidAndThePost(): void
    {
        $id = $this->provisioning();

        $this->pass($id);

        self::assertSame(['proxmox-clone'], $this->locks->asked);
        self::assertSame(['proxmox-clone' => 0], $this->locks->held, 'released once the POST is sent');
    }

    public function testACloneIsPlacedAgainWhenItsNodeIsNoLongerThere(): void
    {
        $this->placement->nodes = ['pve2'];
        $id = $this->provisioning();

        $d = $this->pass($id);

        self::assertSame('pve2', $d->node);
        self::assertSame('pve2', $this->pve->vms[100]['node']);
    }

    public function testAVmThatMovedIsFollowedToItsNewNode(): void
    {
        $id = $this->provisioning(['template_start_after_create' => 1]);
        $this->pass($id);
        $this->pve->finishTasks();
        $this->pve->putVm(100, ['node' => 'pve3']);

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::START_WAIT, $d);
        self::assertSame('pve3', $d->node);
    }

    public function testOneCallTakesEveryStepThatIsReadyAndStopsAtARunningTask(): void
    {
        $id = $this->provisioning(['template_start_after_create' => 1, 'template_baseline_snapshot' => 1]);
        $this->pass($id);
        $this->pve->finishTasks();

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::BASELINE_WAIT, $d);
        self::assertSame(['qmsnapshot'], $this->pve->runningTasks());
    }
}
