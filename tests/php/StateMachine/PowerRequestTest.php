<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\ProxmoxDetails;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Tests\Fakes\ScriptedProxmox;

/**
 * A user's start or stop (Lifecycle::start/stop): under the deployment's claim, waiting for the
 * task; a failed task leaves the VM's real state behind, a refusal sends nothing, an expiry that
 * won meanwhile gets its stop again.
 */
final class PowerRequestTest extends UserActionTestCase
{
    public function testAStartRunsTheVmAndStoresItsAddresses(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE, 100, ['last_error' => 'an old failure']);
        $this->pve->reportAddresses(100, '10.0.0.5');

        $d = $this->lifecycle()->powerFor(self::OWNER, $id, Action::START);

        $this->assertAt(Status::RUNNING, Steps::DONE, $d);
        self::assertSame([['10.0.0.5'], '2026-03-02 09:00:00', ''], [$d->ipAddresses, $d->ipAddressesUpdatedAt, $d->lastError]);
        self::assertSame('running', $this->pve->vms[100]['status']);
        self::assertSame('', $this->rows->row($id)['claim_token'], 'the claim was given back');
    }

    public function testAStopStopsTheVmAndForgetsItsAddresses(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['ip_addresses' => '["10.0.0.5"]'], ['status' => 'running']);

        $d = $this->lifecycle()->powerFor(self::OWNER, $id, Action::STOP);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame([[], 'stopped'], [$d->ipAddresses, $this->pve->vms[100]['status']]);
    }

    public function testStartingARunningDeploymentSendsNothing(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, [], ['status' => 'running']);

        $this->assertAt(Status::RUNNING, Steps::DONE, $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));
        self::assertSame([], $this->pve->changes);
    }

    public function testAFailedStartTaskLeavesTheVmsRealStateAndItsReason(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->pve->endNextTask('qmstart', 'start failed: not enough memory');

        $error = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));

        self::assertSame('start failed: not enough memory', $error->getMessage());
        $d = $this->rows->find($id) ?? self::fail('gone');
        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame('start failed: not enough memory', $d->lastError);
        self::assertSame('', $this->rows->row($id)['claim_token']);
    }

    public function testAStopTaskThatFailedWhileTheVmStoppedAnywayShowsItStopped(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, [], ['status' => 'running']);
        $this->pve->endNextTask('qmstop', 'got timeout');
        $this->pve->putVm(100, ['status' => 'stopped']);

        $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::STOP));

        self::assertSame([Status::STOPPED, 'got timeout'], [$this->rows->find($id)?->status, $this->rows->find($id)?->lastError]);
    }

    public function testAnUnreachableProxmoxIsToldInFullToTheOwnerAndWithheldFromASharedUser(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->rows->share($id, self::COLLEAGUE);

        $this->pve->failNext('start', ScriptedProxmox::unreachable());
        $owners = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));
        $this->pve->failNext('start', ScriptedProxmox::unreachable());
        $shared = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->powerFor(self::COLLEAGUE, $id, Action::START));

        self::assertSame('Proxmox did not answer (connection timed out)', $owners->getMessage());
        self::assertSame(ProxmoxDetails::withheld(), $shared->getMessage());
        self::assertSame('Proxmox did not answer (connection timed out)', $this->rows->find($id)?->lastError);
        self::assertSame([Status::STOPPED, 'stopped'], [$this->rows->find($id)?->status, $this->pve->vms[100]['status']]);
    }

    public function testAVmThatIsNotTheDeploymentsIsNeverStarted(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->someoneElsesVm(100);

        $this->assertRefused(ErrorCode::VM_NOT_OWNED, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));

        self::assertSame([], $this->pve->changesTo(100));
        self::assertStringContainsString('does not carry this deployment\'s marker', $this->rows->find($id)?->lastError ?? '');
    }

    public function testAVmThatIsGoneIsReportedAndTheDeploymentShownStopped(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['ip_addresses' => '["10.0.0.5"]'], ['status' => 'running']);
        unset($this->pve->vms[100]);

        $this->assertRefused(ErrorCode::VM_MISSING, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::STOP));

        $d = $this->rows->find($id) ?? self::fail('gone');
        self::assertSame([Status::STOPPED, []], [$d->status, $d->ipAddresses]);
        self::assertSame('The VM no longer exists on the cluster (VMID 100).', $d->lastError);
    }

    public function testAVmThatMovedIsFollowedAndItsNodeRecorded(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->pve->putVm(100, ['node' => 'pve2']);

        $d = $this->lifecycle()->powerFor(self::OWNER, $id, Action::START);

        self::assertSame([Status::RUNNING, 'pve2'], [$d->status, $d->node]);
    }

    public function testAWorkersClaimMakesTheDeploymentBusyAndNothingIsSent(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $held = $this->rows->claim($id, $this->clock->now());

        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));

        self::assertSame([], $this->pve->changes);
        self::assertSame($held?->token, $this->rows->row($id)['claim_token'], 'the worker keeps its claim');
    }

    public function testRefusalsByStatusRightsAndConnectionSendNothing(): void
    {
        $expired = $this->withVm(Status::EXPIRED, Steps::DONE, 100);
        $failed = $this->rows->add(['status' => Status::FAILED->value]);
        $elsewhere = $this->rows->add(['status' => Status::STOPPED->value, 'vmid' => 102, 'node' => 'pve1', 'vm_connection' => 'pve-cluster:old']);
        $this->rights->grant(self::COLLEAGUE);
        $this->rows->share($expired, self::COLLEAGUE);

        $this->assertRefused(ErrorCode::DEPLOYMENT_EXPIRED, fn () => $this->lifecycle()->powerFor(self::OWNER, $expired, Action::START));
        $this->assertRefused(ErrorCode::DEPLOYMENT_FAILED, fn () => $this->lifecycle()->powerFor(self::OWNER, $failed, Action::START));
        $this->assertRefused(ErrorCode::VM_OTHER_CONNECTION, fn () => $this->lifecycle()->powerFor(self::OWNER, $elsewhere, Action::START));
        $this->assertRefused(ErrorCode::FORBIDDEN, fn () => $this->lifecycle()->powerFor(self::COLLEAGUE, $expired, Action::START));
        self::assertSame([], $this->pve->changes);
    }

    public function testAnExpiryDuringTheStartWinsAndItsStopStepRunsAgain(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE, 100, ['expires_at' => '2026-03-02 12:00:00']);
        // The expiry lands while the start task runs, and its worker already stopped the VM (before it ran).
        $this->rows->beforeNextChange(fn () => $this->rows->change($id, ['status' => Status::EXPIRED->value, 'step' => Steps::DONE]));

        $this->assertRefused(ErrorCode::DEPLOYMENT_EXPIRED, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::START));

        self::assertSame(['start', 'stop', 'setProtection'], $this->pve->changesTo(100));
        self::assertSame(['stopped', true], [$this->pve->vms[100]['status'], $this->pve->vms[100]['protected']]);
        $this->assertAt(Status::EXPIRED, Steps::DONE, $this->rows->find($id) ?? self::fail('gone'));
    }
}
