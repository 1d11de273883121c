<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;

/**
 * A start or stop request waits for its task as long as Proxmox itself would (30 s, or a second per
 * GiB above 30 GiB), polling every quarter second; the pauses move the fixed clock, so a task that
 * outlives the wait is covered without waiting.
 */
final class PowerTaskWaitTest extends UserActionTestCase
{
    public function testAStartTaskThatEndsWithinTheWaitIsWaitedFor(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->pve->endTasksWhenPolled(100);

        $d = $this->lifecycle()->powerFor(self::OWNER, $id, Action::START);

        $this->assertAt(Status::RUNNING, Steps::DONE, $d);
        self::assertSame(99, $this->sleeper->pauses);
        self::assertSame('2026-03-02 09:00:24.750000', $this->clock->now()->format('Y-m-d H:i:s.u'));
    }

    public function testAStartTaskThatOutlivesTheWaitLeavesTheVmsStateAndSaysSo(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->pve->keepTasksRunning();

        $error = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));

        self::assertSame('Proxmox did not finish the start task within 30 seconds.', $error->getMessage());
        self::assertSame('2026-03-02 09:00:30.000000', $this->clock->now()->format('Y-m-d H:i:s.u'));
        $d = $this->rows->find($id) ?? self::fail('gone');
        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame([$error->getMessage(), 'stopped'], [$d->lastError, $this->pve->vms[100]['status']]);
        self::assertSame('', $this->rows->row($id)['claim_token'], 'the claim was given back');
    }

    public function testAStopTaskThatOutlivesTheWaitKeepsTheDeploymentRunning(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['ip_addresses' => '["10.0.0.5"]'], ['status' => 'running']);
        $this->pve->keepTasksRunning();

        $error = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::STOP));

        self::assertSame('Proxmox did not finish the stop task within 30 seconds.', $error->getMessage());
        $d = $this->rows->find($id) ?? self::fail('gone');
        self::assertSame([Status::RUNNING, ['10.0.0.5']], [$d->status, $d->ipAddresses]);
    }

    public function testALargeVmIsWaitedForASecondPerGib(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE, 100, ['memory_mb' => 40960]);
        $this->pve->keepTasksRunning();

        $error = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));

        self::assertSame('Proxmox did not finish the start task within 40 seconds.', $error->getMessage());
        self::assertSame(160, $this->sleeper->pauses);
    }

    public function testATaskProxmoxDoesNotKnowYetIsAskedAgain(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->pve->failNext('taskStatus', 'no such task');

        $this->assertAt(Status::RUNNING, Steps::DONE, $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));
        self::assertSame(1, $this->sleeper->pauses);
    }

    public function testAFailedPollEndsTheWaitAtOnce(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->pve->failNext('taskStatus', 'node pve1 did not answer');

        $error = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));

        self::assertSame(['node pve1 did not answer', 0], [$error->getMessage(), $this->sleeper->pauses]);
        self::assertSame('node pve1 did not answer', $this->rows->find($id)?->lastError);
    }
}
