<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\LifetimeCap;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Store\LockTimeout;
use SupportProvisioningPortal\Tests\Fakes\ScriptedProxmox;

/**
 * A user's prolong (Lifecycle::prolong): from the later of now and the old expiry, within the
 * template's TTL and lifetime caps; an expired deployment comes back STOPPED when the owner's
 * quota has room, with its VM's protection lifted; a racing prolong makes this one start over.
 */
final class ProlongRequestTest extends UserActionTestCase
{
    public function testAddsHoursToAnExpiryStillAhead(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['expires_at' => '2026-03-02 12:00:00']);

        $d = $this->lifecycle()->prolongFor(self::OWNER, $id, 4);

        self::assertSame('2026-03-02 16:00:00', $d->expiresAt);
        self::assertSame(['hours' => 4, 'expiresAtBefore' => '2026-03-02 12:00:00', 'expiresAtAfter' => '2026-03-02 16:00:00'], $this->auditDetails());
        self::assertSame([], $this->pve->changes);
    }

    public function testTheTemplatesTtlBoundsTheProlongAndARefusalChangesNothing(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE, 100, ['expires_at' => '2026-03-02 12:00:00', 'template_max_ttl_hours' => 8]);

        $error = $this->assertRefused(ErrorCode::TTL_OUT_OF_RANGE, fn () => $this->lifecycle()->prolongFor(self::OWNER, $id, 6));

        self::assertSame(5, $error->data['maxHours'] ?? null, 'three hours are left of eight');
        self::assertSame('2026-03-02 12:00:00', $this->rows->find($id)?->expiresAt);
        self::assertSame([], $this->auditDetails());
    }

    public function testTheLifetimeCapRefusesAUserAndLetsAManagerExceedItOnTheRecord(): void
    {
        $columns = ['expires_at' => '2026-03-02 12:00:00', 'template_max_lifetime_hours' => 5];
        $id = $this->withVm(Status::STOPPED, Steps::DONE, 100, $columns);

        $error = $this->assertRefused(ErrorCode::LIFETIME_CAP, fn () => $this->lifecycle()->prolongFor(self::OWNER, $id, 4));
        self::assertSame(['cap' => LifetimeCap::MAX_LIFETIME, 'limitHours' => 5, 'requestedHours' => 7], $error->data);
        self::assertSame('2026-03-02 12:00:00', $this->rows->find($id)?->expiresAt);

        self::assertSame('2026-03-02 16:00:00', $this->lifecycle()->prolongFor(self::MANAGER, $id, 4)->expiresAt);
        self::assertSame(['cap' => LifetimeCap::MAX_LIFETIME, 'limitHours' => 5, 'requestedHours' => 7], $this->auditDetails()['capExceeded'] ?? null);
    }

    public function testANeverExpiringOrFailedDeploymentIsNotProlonged(): void
    {
        $never = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['never_expire' => 1]);
        $failed = $this->rows->add(['status' => Status::FAILED->value]);

        $this->assertRefused(ErrorCode::DEPLOYMENT_NEVER_EXPIRES, fn () => $this->lifecycle()->prolongFor(self::OWNER, $never, 4));
        $this->assertRefused(ErrorCode::DEPLOYMENT_FAILED, fn () => $this->lifecycle()->prolongFor(self::OWNER, $failed, 4));
    }

    public function testASharedUserMayProlongAndAStrangerMayNotSeeIt(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['expires_at' => '2026-03-02 12:00:00']);

        $this->assertRefused(ErrorCode::DEPLOYMENT_NOT_FOUND, fn () => $this->lifecycle()->prolongFor(self::COLLEAGUE, $id, 1));
        $this->rows->share($id, self::COLLEAGUE);

        self::assertSame('2026-03-02 13:00:00', $this->lifecycle()->prolongFor(self::COLLEAGUE, $id, 1)->expiresAt);
    }

    public function testAnExpiredDeploymentComesBackStoppedFromNowWithItsProtectionLifted(): void
    {
        $id = $this->withVm(Status::EXPIRED, Steps::DONE, 100, ['expires_at' => '2026-03-02 07:00:00', 'last_error' => 'old'], ['protected' => true]);

        $d = $this->lifecycle()->prolongFor(self::OWNER, $id, 2);

        $this->assertAt(Status::STOPPED, Steps::DONE, $d);
        self::assertSame(['2026-03-02 11:00:00', ''], [$d->expiresAt, $d->lastError]);
        self::assertFalse($this->pve->vms[100]['protected']);
        self::assertSame(0, $this->locks->held['quota'], 'the quota lock was taken and given back');
    }

    public function testAnExpiredDeploymentStaysExpiredWhenTheOwnersQuotaIsFull(): void
    {
        $this->limits->userRamMb = 4096;
        $id = $this->withVm(Status::EXPIRED, Steps::DONE, 100, ['expires_at' => '2026-03-02 07:00:00', 'memory_mb' => 2048], ['protected' => true]);
        $this->rows->add(['status' => Status::RUNNING->value, 'vmid' => 101, 'memory_mb' => 3072]);

        $error = $this->assertRefused(ErrorCode::QUOTA_EXCEEDED, fn () => $this->lifecycle()->prolongFor(self::OWNER, $id, 2));

        self::assertSame('This needs 2048 MB of RAM, but you already use 3072 MB of your 4096 MB RAM quota.', $error->getMessage());
        $this->assertAt(Status::EXPIRED, Steps::DONE, $this->rows->find($id) ?? self::fail('gone'));
        self::assertSame('2026-03-02 07:00:00', $this->rows->find($id)?->expiresAt);
        self::assertSame([], $this->pve->changes, 'still protected');
    }

    public function testAQuotaLockHeldElsewhereRevivesNothing(): void
    {
        $id = $this->withVm(Status::EXPIRED, Steps::DONE, 100, ['expires_at' => '2026-03-02 07:00:00'], ['protected' => true]);
        $this->locks->refuse = true;

        try {
            $this->lifecycle()->prolongFor(self::OWNER, $id, 2);
            self::fail('revived without the quota lock');
        } catch (LockTimeout $timeout) {
            self::assertSame('quota', $timeout->purpose);
        }
        self::assertSame(Status::EXPIRED, $this->rows->find($id)?->status);
    }

    public function testARevivalKeepsWhyItsVmCouldNotBeUnprotected(): void
    {
        $gone = $this->withVm(Status::EXPIRED, Steps::DONE, 100, ['expires_at' => '2026-03-02 07:00:00']);
        unset($this->pve->vms[100]);
        $unreachable = $this->withVm(Status::EXPIRED, Steps::DONE, 101, ['expires_at' => '2026-03-02 07:00:00'], ['protected' => true]);

        $revivedGone = $this->lifecycle()->prolongFor(self::OWNER, $gone, 2);
        $this->pve->failNext('vmFacts', ScriptedProxmox::unreachable());
        $revivedUnreachable = $this->lifecycle()->prolongFor(self::OWNER, $unreachable, 2);

        self::assertSame(Status::STOPPED, $revivedGone->status);
        self::assertStringContainsString('100', $revivedGone->lastError);
        self::assertSame([Status::STOPPED, 'Proxmox did not answer (connection timed out)'], [$revivedUnreachable->status, $revivedUnreachable->lastError]);
    }

    public function testAProlongThatLostARaceStartsOverFromTheWinnersExpiry(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['expires_at' => '2026-03-02 12:00:00']);
        $this->rows->beforeNextChange(fn () => $this->rows->change($id, ['expires_at' => '2026-03-02 14:00:00']));

        $d = $this->lifecycle()->prolongFor(self::OWNER, $id, 1);

        self::assertSame('2026-03-02 15:00:00', $d->expiresAt);
        self::assertSame('2026-03-02 14:00:00', $this->auditDetails()['expiresAtBefore'] ?? null);
    }

    public function testAProlongThatKeepsLosingGivesUpBusy(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['expires_at' => '2026-03-02 12:00:00']);
        $rival = function () use ($id, &$rival): void {
            $later = (new \DateTimeImmutable((string) $this->rows->row($id)['expires_at']))->modify('+1 hour')->format('Y-m-d H:i:s');
            $this->rows->change($id, ['expires_at' => $later]);
            $this->rows->beforeNextChange($rival);
        };
        $this->rows->beforeNextChange($rival);

        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->lifecycle()->prolongFor(self::OWNER, $id, 1));
        self::assertSame('2026-03-02 15:00:00', $this->rows->find($id)?->expiresAt, 'three rivals won, this request changed nothing');
        self::assertSame([], $this->auditDetails());
    }
}
