<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Support\Time;
use SupportProvisioningPortal\Tests\Fakes\InterruptedRows;

/** Workers that overlap (cron, a page load, a second web server) never both make one change. */
final class ClaimRaceTest extends WorkerTestCase
{
    public function testASecondWorkerLeavesADeploymentAnotherHoldsAlone(): void
    {
        $id = $this->provisioning();
        $held = $this->rows->claim($id, $this->clock->now());

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE, $d);
        self::assertSame([], $this->pve->changes);
        self::assertSame($held?->token, $this->rows->row($id)['claim_token'], 'its claim was not released by the other');
    }

    public function testAClaimThatRanOutIsTakenOver(): void
    {
        $id = $this->provisioning();
        $this->rows->claim($id, $this->clock->now());
        $this->clock->advance(61);

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
    }

    public function testTwoWorkersRacingOneCloneMakeOneVm(): void
    {
        $id = $this->provisioning();
        // Worker A's claim runs out while it sends the clone; worker B takes over and clones too.
        $rows = new InterruptedRows($this->rows, function () use ($id): void {
            $this->clock->advance(61);
            $this->pass($id);
        });

        $this->worker($rows)->advanceDeployment($id);

        $d = $this->rows->find($id);
        self::assertNotNull($d);
        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame(['cloneTemplate 100'], $this->pve->changes, 'A lost: it never got to record a VMID or send a POST');
        self::assertSame(100, $d->vmid);
    }

    public function testAWorkerWhoseClaimWasTakenChangesNothingAndDoesNotReleaseTheOthersClaim(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->finishTasks();
        $other = null;
        $rows = new InterruptedRows($this->rows, function () use ($id, &$other): void {
            $this->clock->advance(61);
            $other = $this->rows->claim($id, $this->clock->now());
        });

        $this->worker($rows)->advanceDeployment($id);

        $d = $this->rows->find($id);
        self::assertNotNull($other);
        self::assertNotNull($d);
        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame($other->token, $this->rows->row($id)['claim_token']);
    }

    public function testAUsersDeletionDuringAStepWinsOverTheStepsResult(): void
    {
        $id = $this->provisioning(['template_start_after_create' => 1]);
        $this->pass($id);
        $this->pve->finishTasks();
        $rows = new InterruptedRows($this->rows, function () use ($id): void {
            $this->rows->change($id, ['status' => Status::DELETING->value, 'step' => Steps::DELETE]);
        });

        $this->worker($rows)->advanceDeployment($id);

        $d = $this->rows->find($id);
        self::assertNotNull($d);
        $this->assertAt(Status::DELETING, Steps::DESTROY_WAIT, $d);
        self::assertSame(['cloneTemplate', 'destroy'], $this->pve->changesTo(100), 'the clone was not configured or started');

        $d = $this->afterTasks($id);
        $this->assertAt(Status::DELETED, Steps::DONE, $d);
        self::assertSame(['deployment.deleted'], $this->audit->actions());
    }

    public function testADeploymentWaitingForItsRetryTimeIsNotClaimed(): void
    {
        $id = $this->provisioning(['retry_at' => Time::toDb($this->clock->now()->modify('+30 seconds'))]);

        $this->pass($id);
        self::assertSame([], $this->pve->changes);

        $this->clock->advance(30);
        $d = $this->pass($id);
        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
    }

    public function testARefusedCloneLockDoesNotStopTheClone(): void
    {
        $this->locks->refuse = true;
        $id = $this->provisioning();

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame(['proxmox-clone'], $this->locks->asked);
        self::assertSame([], $this->locks->held);
    }

    public function testARefusedCloneLockStillLeavesACollisionToTheCloneTask(): void
    {
        $this->locks->refuse = true;
        $first = $this->provisioning();
        $second = $this->provisioning();
        // Both asked nextid before either POST (no turn-taking): the second loses VMID 100 at its POST.
        $this->pve->offerVmids(100, 100);

        $this->pass($first);
        $d = $this->pass($second);

        self::assertSame([100, 101], [$this->rows->find($first)?->vmid, $d->vmid]);
        self::assertSame(2, $d->cloneAttempts);
    }

    public function testADeploymentThatIsGoneEndsThePass(): void
    {
        $this->worker()->advanceDeployment(404);

        self::assertSame([], $this->pve->changes);
    }
}
