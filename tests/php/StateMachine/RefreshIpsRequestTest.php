<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\ProxmoxDetails;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Tests\Fakes\ScriptedProxmox;

/** A user's request for the guest agent's addresses (Lifecycle::refreshIps). */
final class RefreshIpsRequestTest extends UserActionTestCase
{
    public function testStoresWhatTheGuestAgentReports(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, [], ['status' => 'running']);
        $this->pve->reportAddresses(100, '10.0.0.5', 'fd00::5');

        [$d, $hint] = $this->lifecycle()->refreshIpsFor(self::OWNER, $id);

        self::assertSame([['10.0.0.5', 'fd00::5'], '2026-03-02 09:00:00', ''], [$d->ipAddresses, $d->ipAddressesUpdatedAt, $hint]);
        self::assertSame(['ipAddresses' => ['10.0.0.5', 'fd00::5']], $this->auditDetails());
    }

    public function testNoAddressYetComesWithTheAgentsHint(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, [], ['status' => 'running']);

        [$d, $hint] = $this->lifecycle()->refreshIpsFor(self::OWNER, $id);

        self::assertSame([[], 'The guest agent reports no address yet.'], [$d->ipAddresses, $hint]);
    }

    public function testAProxmoxFailureStoresNothingAndIsWithheldFromASharedUser(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['ip_addresses' => '["10.0.0.5"]'], ['status' => 'running']);
        $this->rows->share($id, self::COLLEAGUE);

        $this->pve->failNext('ipAddresses', 'QEMU guest agent is not running');
        $owners = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->refreshIpsFor(self::OWNER, $id));
        $this->pve->failNext('ipAddresses', 'QEMU guest agent is not running');
        $shared = $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->refreshIpsFor(self::COLLEAGUE, $id));

        self::assertSame(['QEMU guest agent is not running', ProxmoxDetails::withheld()], [$owners->getMessage(), $shared->getMessage()]);
        self::assertSame(['10.0.0.5'], $this->rows->find($id)?->ipAddresses);
        self::assertSame([], $this->auditDetails());
    }

    public function testAVmThatIsNotTheDeploymentsIsNotAskedAndTheLossIsRecorded(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['ip_addresses' => '["10.0.0.5"]']);
        $this->someoneElsesVm(100, ['status' => 'running']);
        $this->pve->reportAddresses(100, '192.0.2.1');

        $this->assertRefused(ErrorCode::VM_NOT_OWNED, fn () => $this->lifecycle()->refreshIpsFor(self::OWNER, $id));

        $d = $this->rows->find($id) ?? self::fail('gone');
        self::assertSame([Status::STOPPED, []], [$d->status, $d->ipAddresses]);
    }

    public function testAStoppedDeploymentMayBeAskedButAnExpiredOneMayNot(): void
    {
        $stopped = $this->withVm(Status::STOPPED, Steps::DONE);
        $expired = $this->withVm(Status::EXPIRED, Steps::DONE, 101);
        $this->pve->failNext('ipAddresses', ScriptedProxmox::unreachable());

        $this->assertRefused(ErrorCode::PROXMOX_ERROR, fn () => $this->lifecycle()->refreshIpsFor(self::OWNER, $stopped));
        $this->assertRefused(ErrorCode::DEPLOYMENT_EXPIRED, fn () => $this->lifecycle()->refreshIpsFor(self::OWNER, $expired));
    }
}
