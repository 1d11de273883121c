<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Handover;
use SupportProvisioningPortal\Service\Quota;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Store\LockTimeout;

/**
 * Handing a deployment to another owner (Handover::transfer): by its owner or a manager, to a
 * portal user, within the receiver's own contingents, under the quota lock; the receiver is told.
 * A user leaving the site hands everything on (Handover::reassignAll). A refusal moves nothing.
 */
final class HandoverRequestTest extends UserActionTestCase
{
    private const OUTSIDER = 10;

    protected function setUp(): void
    {
        parent::setUp();
        $this->members->add(self::OUTSIDER, 'otto');
    }

    public function testTheOwnerHandsOverAndTheReceiverIsTold(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE);
        $this->shares->add($id, self::COLLEAGUE, self::OWNER);

        $d = $this->handover()->transferFor(self::OWNER, $id, 'carl@example.test');

        self::assertSame(self::COLLEAGUE, $d->ownerId);
        self::assertSame([], $this->shares->forDeployment($id), 'the receiver\'s share went: an owner needs none');
        $context = $this->contexts->current();
        self::assertSame(['deployment', (string) $id, $id], [$context->objectType(), $context->objectId(), $context->deploymentId()]);
        self::assertSame(['fromId' => self::OWNER, 'fromLogin' => 'alice', 'toId' => self::COLLEAGUE, 'toLogin' => 'carl'], $context->details());
        self::assertSame([[
            'action' => Handover::NOTICE_ACTION, 'objectType' => 'user', 'objectId' => (string) self::COLLEAGUE, 'deploymentId' => $id,
            'result' => 'success', 'details' => ['toLogin' => 'carl', 'fromLogin' => 'alice'],
        ]], $this->userAudit->rows);
        $this->assertRefused(ErrorCode::DEPLOYMENT_NOT_FOUND, fn () => $this->lifecycle()->powerFor(self::OWNER, $id, Action::STOP));
        $this->assertAt(Status::STOPPED, Steps::DONE, $this->lifecycle()->powerFor(self::COLLEAGUE, $id, Action::STOP));
    }

    public function testAManagerHandsOverSomeoneElsesDeployment(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);

        self::assertSame(self::COLLEAGUE, $this->handover()->transferFor(self::MANAGER, $id, 'carl')->ownerId);
    }

    public function testASharedUserOrAStrangerCannotHandItOver(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->rows->share($id, self::COLLEAGUE);

        $this->assertRefused(ErrorCode::FORBIDDEN, fn () => $this->handover()->transferFor(self::COLLEAGUE, $id, 'carl'));
        $this->assertRefused(ErrorCode::DEPLOYMENT_NOT_FOUND, fn () => $this->handover()->transferFor(self::OUTSIDER, $id, 'otto'));

        $this->assertNotMoved($id);
    }

    public function testTheReceiverMustBeAPortalUserOfTheSite(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);

        $this->assertRefused(ErrorCode::USER_NOT_FOUND, fn () => $this->handover()->transferFor(self::OWNER, $id, 'nobody'));
        $this->assertRefused(ErrorCode::TRANSFER_TARGET_WITHOUT_ACCESS, fn () => $this->handover()->transferFor(self::OWNER, $id, 'otto'));

        $this->assertNotMoved($id);
    }

    public function testHandingItToItsOwnerChangesNothing(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);

        self::assertSame(self::OWNER, $this->handover()->transferFor(self::MANAGER, $id, 'alice')->ownerId);
        self::assertSame([], $this->userAudit->rows);
        self::assertSame([], $this->locks->asked, 'no quota lock for nothing to move');
    }

    public function testTheReceiversOwnLimitsDecideUnderTheQuotaLock(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['memory_mb' => 2048]);
        $this->withVm(Status::RUNNING, Steps::DONE, 101, ['owner_id' => self::COLLEAGUE, 'memory_mb' => 2048]);
        $this->limits->userRamMb = 3072;

        $this->assertRefused(ErrorCode::QUOTA_EXCEEDED, fn () => $this->handover()->transferFor(self::OWNER, $id, 'carl'));
        $this->limits->userRamMb = null;
        $this->limits->userVms = 1;
        $this->assertRefused(ErrorCode::QUOTA_EXCEEDED, fn () => $this->handover()->transferFor(self::OWNER, $id, 'carl'));

        $this->assertNotMoved($id);
        self::assertSame([[Quota::LOCK, Quota::LOCK], [Quota::LOCK => 0]], [$this->locks->asked, $this->locks->held], 'the quota lock was given back');
    }

    public function testAnExpiredDeploymentHoldsNoRamAndMovesWithinAFullRamQuota(): void
    {
        $id = $this->withVm(Status::EXPIRED, Steps::DONE, 100, ['memory_mb' => 2048, 'ram_released' => 1]);
        $this->withVm(Status::RUNNING, Steps::DONE, 101, ['owner_id' => self::COLLEAGUE, 'memory_mb' => 2048]);
        $this->limits->userRamMb = 2048;

        self::assertSame(self::COLLEAGUE, $this->handover()->transferFor(self::OWNER, $id, 'carl')->ownerId);
    }

    public function testATakenQuotaLockMovesNothing(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->locks->refuse = true;

        try {
            $this->handover()->transferFor(self::OWNER, $id, 'carl');
            self::fail('The hand-over ran without the quota lock.');
        } catch (LockTimeout) {
            $this->assertNotMoved($id);
        }
    }

    public function testADeploymentBeingDeletedStaysWithItsOwner(): void
    {
        $this->pve->keepTasksRunning();
        $deleting = $this->withVm(Status::DELETING, Steps::DELETE);
        $racing = $this->withVm(Status::STOPPED, Steps::DONE, 101);

        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->handover()->transferFor(self::MANAGER, $deleting, 'carl'));
        // The owner's deletion lands between the checks and the move.
        $this->rows->beforeNextChange(fn () => $this->rows->change($racing, ['status' => Status::DELETING->value, 'step' => Steps::DELETE]));
        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->handover()->transferFor(self::OWNER, $racing, 'carl'));

        $this->assertNotMoved($deleting);
        $this->assertNotMoved($racing);
        self::assertSame([Quota::LOCK], $this->locks->asked, 'only the racing one reached the move');
    }

    public function testOfTwoRacingHandOversOnlyTheFirstMoves(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->rows->beforeNextChange(fn () => $this->rows->change($id, ['owner_id' => self::MANAGER]));

        $this->assertRefused(ErrorCode::DEPLOYMENT_BUSY, fn () => $this->handover()->transferFor(self::OWNER, $id, 'carl'));

        self::assertSame(self::MANAGER, $this->rows->find($id)?->ownerId);
        self::assertSame([], $this->userAudit->rows);
    }

    public function testALeavingUsersDeploymentsAllGoWithoutAQuotaCheck(): void
    {
        $running = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['memory_mb' => 4096]);
        $deleting = $this->withVm(Status::DELETING, Steps::DELETE, 101);
        $deleted = $this->withVm(Status::DELETED, Steps::DONE, 102);
        $others = $this->withVm(Status::RUNNING, Steps::DONE, 103, ['owner_id' => self::COLLEAGUE]);
        $this->limits->userRamMb = 1024;

        $moved = $this->handover()->reassignAllOf(['id' => self::OWNER, 'login' => 'alice'], ['id' => self::MANAGER, 'login' => 'mona'], 'user_deleted');

        self::assertSame(2, $moved);
        self::assertSame(
            [self::MANAGER, self::MANAGER, self::OWNER, self::COLLEAGUE],
            array_map(fn (int $id): ?int => $this->rows->find($id)?->ownerId, [$running, $deleting, $deleted, $others])
        );
        self::assertSame([Handover::AUDIT_ACTION, Handover::NOTICE_ACTION, Handover::AUDIT_ACTION, Handover::NOTICE_ACTION], $this->userAudit->actions());
        self::assertSame(
            ['reason' => 'user_deleted', 'status' => 'DELETING', 'fromId' => self::OWNER, 'fromLogin' => 'alice', 'toId' => self::MANAGER, 'toLogin' => 'mona'],
            $this->userAudit->rows[2]['details']
        );
        self::assertSame([], $this->locks->asked);
    }

    private function assertNotMoved(int $id): void
    {
        self::assertSame(self::OWNER, $this->rows->find($id)?->ownerId);
        self::assertSame([], $this->userAudit->rows, 'nobody was told');
    }
}
