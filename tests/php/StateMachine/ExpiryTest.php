<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;

/** Expiry stops and protects the VM, and never deletes it. */
final class ExpiryTest extends WorkerTestCase
{
    public function testARunningVmIsStoppedThenProtected(): void
    {
        $id = $this->withVm(Status::EXPIRED, Steps::EXPIRE_STOP, 100, ['ip_addresses' => '["192.0.2.5"]'], ['status' => 'running']);

        $d = $this->pass($id);
        $this->assertAt(Status::EXPIRED, Steps::EXPIRE_STOP_WAIT, $d);
        self::assertSame([], $d->ipAddresses);

        $d = $this->afterTasks($id);

        $this->assertAt(Status::EXPIRED, Steps::DONE, $d);
        self::assertSame(['stopped', true], [$this->pve->vms[100]['status'], $this->pve->vms[100]['protected']]);
        self::assertSame(['stop', 'setProtection'], $this->pve->changesTo(100));
        self::assertNotContains('destroy', $this->pve->changesTo(100));
    }

    public function testAStoppedProtectedVmIsLeftAsItIs(): void
    {
        $id = $this->withVm(Status::EXPIRED, Steps::EXPIRE_STOP, 100, ['last_error' => 'Proxmox did not answer'], ['protected' => true]);

        $d = $this->pass($id);

        $this->assertAt(Status::EXPIRED, Steps::DONE, $d);
        self::assertSame([], $this->pve->changesTo(100));
        self::assertSame('', $d->lastError, 'a problem of an earlier try is over');
    }

    public function testAStopTaskThatFailsIsSentAgainShowingTheReason(): void
    {
        $id = $this->withVm(Status::EXPIRED, Steps::EXPIRE_STOP, 100, [], ['status' => 'running']);
        $this->pass($id);
        $this->pve->endNextTask('qmstop', 'timeout waiting on systemd');

        $d = $this->afterTasks($id);
        $this->assertAt(Status::EXPIRED, Steps::EXPIRE_STOP_WAIT, $d);
        self::assertSame('timeout waiting on systemd', $d->lastError);
        self::assertSame(['qmstop'], $this->pve->runningTasks());

        $d = $this->afterTasks($id);

        $this->assertAt(Status::EXPIRED, Steps::DONE, $d);
        self::assertSame('stopped', $this->pve->vms[100]['status']);
        self::assertSame('', $d->lastError);
    }

    public function testAStopProxmoxRefusesIsRetriedNotFailed(): void
    {
        $id = $this->withVm(Status::EXPIRED, Steps::EXPIRE_STOP, 100, [], ['status' => 'running']);
        $this->pve->failNext('stop', '500 storage local-lvm is not online');

        $d = $this->pass($id);

        $this->assertAt(Status::EXPIRED, Steps::EXPIRE_STOP, $d);
        self::assertSame('500 storage local-lvm is not online', $d->lastError);
        self::assertSame([], $this->audit->actions());
    }

    public function testAVmGoneIsNotLookedForAgain(): void
    {
        $id = $this->withVm(Status::EXPIRED, Steps::EXPIRE_STOP);
        unset($this->pve->vms[100]);

        $d = $this->pass($id);

        $this->assertAt(Status::EXPIRED, Steps::DONE, $d);
        self::assertSame('The VM no longer exists on the cluster (VMID 100).', $d->lastError);
    }

    public function testSomeoneElsesVmIsNeitherStoppedNorProtected(): void
    {
        $id = $this->rows->add(['status' => Status::EXPIRED->value, 'step' => Steps::EXPIRE_STOP, 'node' => 'pve1', 'vmid' => 100, 'vm_connection' => self::CONNECTION]);
        $this->someoneElsesVm(100, ['status' => 'running']);

        $d = $this->pass($id);

        $this->assertAt(Status::EXPIRED, Steps::DONE, $d);
        self::assertSame([], $this->pve->changesTo(100));
        self::assertSame(['deployment.vm_not_owned'], $this->audit->actions());
    }
}
