<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Support\Time;

/** A lock held on Proxmox (a backup, a snapshot) makes a step wait, for a bounded time. */
final class LockWaitTest extends WorkerTestCase
{
    public function testAStepOnALockedVmWaitsAndGoesOnOnceTheLockIsGone(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->finishTasks();
        $this->pve->putVm(100, ['lock' => 'backup']);

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CONFIGURE, $d);
        self::assertSame('waiting: VM is locked by a backup', $d->lastError);
        self::assertSame(Time::toDb($this->clock->now()), $d->waitingSince);
        $this->clock->advance(40);
        $this->pass($id);
        $retryAt = (string) $this->rows->row($id)['retry_at'];
        self::assertSame(Time::toDb($this->clock->now()->modify('+10 seconds')), $retryAt, 'a quarter of the 40 s waited');

        $this->pve->putVm(100, ['lock' => null]);
        $this->clock->advance(5);
        $before = $this->pve->changes;
        $d = $this->pass($id);
        self::assertSame($before, $this->pve->changes, 'no claim before the retry time');
        self::assertSame(Steps::CONFIGURE, $d->step);

        $this->clock->advance(5);
        $d = $this->pass($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame('', $d->lastError);
        self::assertNull($d->waitingSince);
        self::assertNull($this->rows->row($id)['retry_at']);
    }

    public function testAWaitThatRunsOutFailsTheProvisioningAndCleansUp(): void
    {
        $this->settings->lockWaitMinutes = 10;
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->finishTasks();
        $this->pve->putVm(100, ['lock' => 'backup']);
        $this->pass($id);
        $this->clock->advance(600);

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::CLEANUP, $d);
        self::assertSame('VM is locked by a backup: gave up after 10 minutes', $d->lastError);
        self::assertSame(['deployment.provision_failed'], $this->audit->actions());
    }

    public function testACloneOfALockedTemplateWaitsWithoutAVmid(): void
    {
        $id = $this->provisioning();
        $this->pve->failNext('cloneTemplate', 'VM is locked (backup)');

        $d = $this->pass($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE, $d);
        self::assertNull($d->vmid);
        self::assertSame('waiting: template is locked by a backup', $d->lastError);
        self::assertSame(Time::toDb($this->clock->now()), $d->waitingSince);
    }

    public function testALockedTemplateThatStaysLockedFailsWithoutACleanUp(): void
    {
        $id = $this->provisioning();
        $this->pve->failNext('cloneTemplate', 'VM is locked (backup)');
        $this->pass($id);
        $this->clock->advance(1800);
        $this->pve->failNext('cloneTemplate', 'VM is locked (backup)');

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame('Template is locked by a backup: gave up after 30 minutes', $d->lastError);
        self::assertNull($d->vmid);
    }

    public function testACloneTaskThatFoundTheTemplateLockedWaitsLikeARefusedClone(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->endNextTask('qmclone', 'VM is locked (backup)');

        $d = $this->afterTasks($id);

        $this->assertAt(Status::PROVISIONING, Steps::CLONE, $d);
        self::assertSame([], $this->pve->runningTasks(), 'no clone again in the same pass');
        self::assertNull($d->vmid);
        self::assertSame(0, $d->cloneAttempts, 'a locked template uses up no try');
        self::assertSame('waiting: template is locked by a backup', $d->lastError);
        self::assertSame(Time::toDb($this->clock->now()), $d->waitingSince);
    }

    public function testATemplateLockedInEveryCloneTaskFailsOnceTheWaitRunsOut(): void
    {
        $id = $this->provisioning();
        $started = Time::toDb($this->clock->now());
        for ($try = 1; $try <= 6; $try++) {
            $d = $this->pass($id);
            $this->assertAt(Status::PROVISIONING, Steps::CLONE_WAIT, $d);
            self::assertSame($try === 1 ? null : $started, $d->waitingSince, "clone {$try} keeps the wait's start");
            $this->pve->endNextTask('qmclone', 'VM is locked (backup)');
            $d = $this->afterTasks($id);
            $this->assertAt(Status::PROVISIONING, Steps::CLONE, $d);
            $this->clock->advance(300);
        }

        $this->pass($id);
        $this->pve->endNextTask('qmclone', 'VM is locked (backup)');

        $d = $this->afterTasks($id);

        $this->assertAt(Status::FAILED, Steps::DONE, $d);
        self::assertSame('Template is locked by a backup: gave up after 30 minutes', $d->lastError);
        self::assertNull($d->vmid);
        self::assertSame(['deployment.provision_failed'], $this->audit->actions());
        self::assertSame([], $this->pve->runningTasks(), 'no clone sent once the wait ran out');
    }

    public function testACloneThatGetsPastTheTemplatesLockEndsTheWait(): void
    {
        $id = $this->provisioning();
        $this->pass($id);
        $this->pve->endNextTask('qmclone', 'VM is locked (backup)');
        $this->afterTasks($id);
        $this->clock->advance(60);
        $this->pass($id);

        $d = $this->afterTasks($id);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame('', $d->lastError);
        self::assertNull($d->waitingSince);
        self::assertSame(1, $d->cloneAttempts);
    }

    public function testRefusedClonesOfALockedTemplateUseUpNoTries(): void
    {
        $id = $this->provisioning();
        for ($try = 1; $try <= 6; $try++) {
            $this->pve->failNext('cloneTemplate', 'VM is locked (backup)');
            $d = $this->pass($id);
            $this->assertAt(Status::PROVISIONING, Steps::CLONE, $d);
            $this->clock->advance(60);
        }

        self::assertSame('waiting: template is locked by a backup', $d->lastError);
        self::assertSame(0, $d->cloneAttempts);
    }

    public function testAFailedDeploymentsCleanUpWaitsForALockKeepingTheReasonItFailed(): void
    {
        $id = $this->withVm(Status::FAILED, Steps::CLEANUP, 100, ['last_error' => 'boom'], ['lock' => 'snapshot']);

        $d = $this->pass($id);

        $this->assertAt(Status::FAILED, Steps::CLEANUP, $d);
        self::assertSame('boom', $d->lastError);
        self::assertNotNull($d->waitingSince);
    }
}
