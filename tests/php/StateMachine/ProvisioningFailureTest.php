<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Service\VmNaming;
use SupportProvisioningPortal\Tests\Fakes\NodeListPlacement;
use SupportProvisioningPortal\Tests\Fakes\ScriptedProxmox;

/** Every way a provisioning fails, and the clean-up that removes what it cloned. */
final class ProvisioningFailureTest extends WorkerTestCase
{
    public function testAFailedCloneTaskFailsTheProvisioningAndItsCleanUpFindsNothingLeft(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->endNextTask('qmclone', 'storage local-lvm is full');

        $d = $this->afterTasks($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame('storage local-lvm is full', $d->lastError);
        self::assertArrayNotHasKey(100, $this->pve->vms);
        self::assertSame(['deployment.provision_failed'], $this->audit->actions());
        self::assertSame(['reason' => 'storage local-lvm is full', 'vmid' => 100], $this->audit->last()['details']);
    }

    public function testAClonePostProxmoxRefusesFailsWithoutAVm(): void
    {
        $id = $this->provisioning();
        $this->pve->failNext('cloneTemplate', "500 Can't clone: template 9000 has no disks");

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertNull($d->vmid);
        self::assertSame("500 Can't clone: template 9000 has no disks", $d->lastError);
        self::assertSame(['proxmox-clone' => 0], $this->locks->held, 'the lock is released when the POST throws');
    }

    public function testAVmidTakenAtThePostIsSkipped(): void
    {
        $this->someoneElsesVm(100);
        $this->pve->offerVmids(100);
        $id = $this->provisioning();

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame(101, $d->vmid);
        self::assertSame(2, $d->cloneAttempts);
        self::assertSame('build-agent', $this->pve->vms[100]['name']);
    }

    public function testACloneTaskThatLostItsVmidToAnotherCloneClonesAgainAndLeavesTheWinnersVm(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->endNextTask('qmclone', 'unable to create VM 100: config file already exists');
        $this->pve->finishTasks();
        $this->someoneElsesVm(100);

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame(101, $d->vmid);
        self::assertSame(['cloneTemplate'], $this->pve->changesTo(100), 'the winner\'s VM got no call');
    }

    public function testEveryOfferedVmidTakenFailsTheProvisioning(): void
    {
        foreach (range(100, 104) as $vmid) {
            $this->someoneElsesVm($vmid);
        }
        $this->pve->offerVmids(100, 101, 102, 103, 104);
        $id = $this->provisioning();

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame('Every VMID Proxmox offered was taken by another clone (5 tries).', $d->lastError);
        self::assertNull($d->vmid);
    }

    public function testANodeThatStopsAnsweringAtThePostIsAvoidedForTheNextTry(): void
    {
        $this->placement->nodes = ['pve1', 'pve2'];
        $id = $this->provisioning();
        $this->pve->failNext('cloneTemplate', new ProxmoxError('node pve1 is offline', ProxmoxError::NODE_UNREACHABLE));

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame('pve2', $d->node);
        self::assertSame('pve2', $this->pve->vms[$d->vmid]['node']);
    }

    public function testNoRoomOnAnyNodeFailsTheProvisioning(): void
    {
        $this->placement->nodes = [];
        $id = $this->provisioning(['node' => '']);

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame(NodeListPlacement::NO_ROOM, $d->lastError);
        self::assertSame([], $this->pve->changes);
        self::assertSame(['deployment.provision_failed'], $this->audit->actions());
    }

    public function testAClonePostWhoseAnswerWasLostAdoptsTheVmItMade(): void
    {
        $id = $this->provisioning(['template_start_after_create' => 1]);
        $this->pve->failNext('cloneTemplate', ScriptedProxmox::unreachable());

        $d = $this->pass($id);
        $this->assertAt(Status::PROVISIONING, Steps::CLONE_ADOPT, $d);
        self::assertSame(100, $d->vmid);

        // The VM was made after all: its clone lock holds the adoption back until the task is done.
        $this->pve->putVm(100, ['lock' => 'clone']);
        $this->pass($id);
        $this->pve->putVm(100, ['name' => VmNaming::vmName($d), 'lock' => null]);

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::START_WAIT, $d);
        self::assertSame('', $d->lastError);
    }

    public function testAClonePostWhoseAnswerWasLostAndThatMadeNoVmFailsAfterAFewPolls(): void
    {
        $id = $this->provisioning();
        $this->pve->failNext('cloneTemplate', ScriptedProxmox::unreachable());
        $this->pass($id);
        $this->pass($id);

        $d = $this->pass($id);
        $this->assertAt(Status::PROVISIONING, Steps::CLONE_ADOPT, $d);
        self::assertSame(3, $d->attempts, 'three polls in the same second are not yet enough');

        $this->clock->advance(5);
        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertStringContainsString('did not answer', $d->lastError);
        self::assertNull($d->vmid);
    }

    public function testAWorkerThatDiedAroundThePostClonesAgainWhenNoVmCameOfIt(): void
    {
        $id = $this->provisioning(['vmid' => 100, 'clone_attempts' => 1]);

        $this->pass($id);
        $this->clock->advance(5);
        $this->pass($id);
        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame(2, $d->cloneAttempts);
    }

    public function testAnAdoptionThatFindsSomeoneElsesVmClonesAgainWithoutTouchingIt(): void
    {
        $this->someoneElsesVm(100);
        $id = $this->provisioning(['vmid' => 100, 'clone_attempts' => 1]);

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame(101, $d->vmid);
        self::assertSame([], $this->pve->changesTo(100));
    }

    public function testAConfigureProxmoxRefusesFailsAndTheCleanUpDestroysTheClone(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->failNext('configure', "400 Parameter verification failed: memory: value too large");

        $d = $this->afterTasks($id);
        $this->assertAt(Status::FAILED, Steps::CLEANUP_WAIT, $d);
        self::assertSame("400 Parameter verification failed: memory: value too large", $d->lastError);

        $d = $this->afterTasks($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertArrayNotHasKey(100, $this->pve->vms);
        self::assertSame("400 Parameter verification failed: memory: value too large", $d->lastError, 'the reason stays');
    }

    public function testAFailedStartFailsAndTheCleanUpDestroysTheStoppedVm(): void
    {
        $id = $this->provisioning(['template_start_after_create' => 1]);
        $this->pass($id);
        $this->afterTasks($id);
        $this->pve->endNextTask('qmstart', 'start failed: QEMU exited with code 1');

        $d = $this->afterTasks($id);
        $this->assertAt(Status::FAILED, Steps::CLEANUP_WAIT, $d);

        $d = $this->afterTasks($id);
        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame('start failed: QEMU exited with code 1', $d->lastError);
        self::assertSame(['cloneTemplate', 'configure', 'start', 'destroy'], $this->pve->changesTo(100));
    }

    public function testTheCleanUpOfARunningVmStopsItFirstAndLiftsTheTemplatesProtection(): void
    {
        $id = $this->withVm(Status::FAILED, Steps::CLEANUP, 100, ['last_error' => 'boom'], ['status' => 'running', 'protected' => true]);

        $d = $this->pass($id);
        $this->assertAt(Status::FAILED, Steps::CLEANUP_STOP_WAIT, $d);
        $d = $this->afterTasks($id);
        $this->assertAt(Status::FAILED, Steps::CLEANUP_WAIT, $d);
        $d = $this->afterTasks($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame(['setProtection', 'stop', 'destroy'], $this->pve->changesTo(100));
        self::assertSame('boom', $d->lastError);
    }

    public function testACleanUpProxmoxRefusesIsRetriedOnTheNextTickKeepingTheFailuresReason(): void
    {
        $id = $this->withVm(Status::FAILED, Steps::CLEANUP, 100, ['last_error' => 'boom']);
        $this->pve->failNext('destroy', '500 storage is offline');

        $d = $this->pass($id);
        $this->assertAt(Status::FAILED, Steps::CLEANUP, $d);
        self::assertSame('boom', $d->lastError);

        $d = $this->afterTasks($id);
        $d = $this->afterTasks($id);
        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertArrayNotHasKey(100, $this->pve->vms);
    }

    public function testTheCleanUpWaitsForACloneStillCopyingItsDisks(): void
    {
        $id = $this->rows->add(['status' => Status::FAILED->value, 'step' => Steps::CLEANUP, 'node' => 'pve1', 'vmid' => 100, 'vm_connection' => self::CONNECTION]);
        $this->pve->putVm(100, ['lock' => 'clone']);

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::CLEANUP, $d);
        self::assertNotNull($this->rows->row($id)['retry_at']);
        self::assertSame([], $this->pve->changesTo(100));
    }

    public function testAVmThatIsNotTheDeploymentsAtConfigureFailsWithoutTouchingIt(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->finishTasks();
        $this->someoneElsesVm(100);

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertNull($d->vmid, 'the VMID is forgotten: it is not this deployment\'s');
        self::assertStringContainsString('does not carry this deployment\'s marker', $d->lastError);
        self::assertSame(['cloneTemplate'], $this->pve->changesTo(100));
    }

    public function testAVmGoneBeforeConfigureFailsTheProvisioning(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->finishTasks();
        unset($this->pve->vms[100]);

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame('The VM no longer exists on the cluster (VMID 100).', $d->lastError);
    }

    public function testAVmGoneOrReplacedBeforeTheStartOrTheBaselineFailsTheProvisioning(): void
    {
        foreach ([Steps::START, Steps::BASELINE] as $step) {
            $id = $this->rows->add(['status' => Status::PROVISIONING->value, 'step' => $step, 'node' => 'pve1', 'vmid' => 200, 'vm_connection' => self::CONNECTION]);
            $this->someoneElsesVm(200);

            $d = $this->pass($id);

            $this->assertAt(Status::FAILED, Steps::DONE, $d);
            self::assertSame([], $this->pve->changesTo(200), $step);
        }
    }

    public function testATaskPollWithoutAnAnswerIsRetriedTenTimesThenFails(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        for ($poll = 1; $poll <= 10; $poll++) {
            $this->pve->failNext('taskStatus', ScriptedProxmox::unreachable());
            $d = $this->pass($id);
            $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
            self::assertSame($poll, $d->attempts);
        }
        $this->pve->failNext('taskStatus', ScriptedProxmox::unreachable());

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::CLEANUP, $d);
        self::assertStringContainsString('did not answer', $d->lastError);
    }

    public function testAnAnsweredPollResetsTheCountOfUnansweredOnes(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->failNext('taskStatus', ScriptedProxmox::unreachable());
        $this->pass($id);

        $d = $this->pass($id);

        self::assertSame(0, $d->attempts);
    }

    public function testATaskProxmoxDoesNotKnowYetIsPolledAgain(): void
    {
        $id = $this->provisioning();
        $d = $this->pass($id);
        $this->pve->forgetTask($d->taskUpid);

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
        self::assertSame('', $d->lastError);
    }
}
