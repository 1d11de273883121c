<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Handover;
use SupportProvisioningPortal\Service\Steps;

/**
 * One action on many deployments (BulkActions::run): each item through its own service with its
 * rules, its own audit row (as its own request's, marked bulk, with its refusal), and one refusal
 * does not stop the others; the request's own row counts what succeeded.
 */
final class BulkActionTest extends UserActionTestCase
{
    public function testEachItemIsDecidedAndAuditedOnItsOwn(): void
    {
        $mine = $this->withVm(Status::RUNNING, Steps::DONE, 100, [], ['status' => 'running']);
        $theirs = $this->withVm(Status::RUNNING, Steps::DONE, 101, ['owner_id' => self::COLLEAGUE], ['status' => 'running']);
        $busy = $this->withVm(Status::RUNNING, Steps::DONE, 102, [], ['status' => 'running']);
        $this->rows->claim($busy, $this->clock->now());

        $results = $this->bulkActions()->runFor(self::OWNER, 'stop', [$mine, $theirs, $busy], []);

        self::assertSame([
            ['id' => $mine, 'ok' => true, 'status' => 'STOPPED', 'ownerLogin' => 'alice'],
            ['id' => $theirs, 'ok' => false, 'code' => ErrorCode::DEPLOYMENT_NOT_FOUND->value, 'message' => $results[1]['message'] ?? ''],
            ['id' => $busy, 'ok' => false, 'code' => ErrorCode::DEPLOYMENT_BUSY->value, 'message' => $results[2]['message'] ?? ''],
        ], $results);
        self::assertSame(['stop 100'], $this->pve->changes, 'only the allowed item reached Proxmox');
        self::assertSame(
            [[$mine, 'success'], [$theirs, 'denied'], [$busy, 'error']],
            array_map(static fn (array $row): array => [$row['deploymentId'], $row['result']], $this->userAudit->rows)
        );
        self::assertSame(['deployment.stop'], array_values(array_unique($this->userAudit->actions())));
        self::assertSame(['bulk' => true], $this->userAudit->rows[0]['details']);
        self::assertSame(['bulk' => true, 'error' => ErrorCode::DEPLOYMENT_BUSY->value], $this->userAudit->rows[2]['details']);
        self::assertSame(['action' => 'stop', 'ids' => [$mine, $theirs, $busy], 'succeeded' => 1], $this->auditDetails(), 'the request\'s own row');
    }

    public function testAProlongKeepsEachItemsOwnBoundsAndDetails(): void
    {
        $soon = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['expires_at' => '2026-03-02 12:00:00'], ['status' => 'running']);
        $failed = $this->rows->add(['status' => Status::FAILED->value]);

        $results = $this->bulkActions()->runFor(self::OWNER, 'prolong', [$soon, $failed], ['hours' => 24]);

        self::assertSame([true, false], array_column($results, 'ok'));
        self::assertSame('2026-03-03 12:00:00', $this->rows->row($soon)['expires_at']);
        self::assertSame(
            ['bulk' => true, 'hours' => 24, 'expiresAtBefore' => '2026-03-02 12:00:00', 'expiresAtAfter' => '2026-03-03 12:00:00'],
            $this->userAudit->rows[0]['details']
        );
        self::assertSame(ErrorCode::DEPLOYMENT_FAILED->value, $this->userAudit->rows[1]['details']['error']);
    }

    public function testTransferItemsAreAuditedAsHandOversAndATakenQuotaLockAsksToTryAgain(): void
    {
        $first = $this->withVm(Status::STOPPED, Steps::DONE, 100);
        $second = $this->withVm(Status::STOPPED, Steps::DONE, 101);
        $this->locks->refuse = true;

        $locked = $this->bulkActions()->runFor(self::OWNER, 'transfer', [$first, $second], ['to' => 'carl']);

        self::assertSame([ErrorCode::TRY_AGAIN->value, ErrorCode::TRY_AGAIN->value], array_column($locked, 'code'));
        self::assertSame([self::OWNER, self::OWNER], [$this->rows->find($first)?->ownerId, $this->rows->find($second)?->ownerId]);
        self::assertSame([Handover::AUDIT_ACTION, Handover::AUDIT_ACTION], $this->userAudit->actions(), 'nobody was told');
        self::assertSame(['error', 'error'], array_column($this->userAudit->rows, 'result'));

        $this->locks->refuse = false;
        $this->userAudit->rows = [];
        $moved = $this->bulkActions()->runFor(self::OWNER, 'transfer', [$first, $second], ['to' => 'carl']);

        self::assertSame([true, true], array_column($moved, 'ok'));
        // The receiver's notice is written during the item, the item's own row when it ends.
        self::assertSame([Handover::NOTICE_ACTION, Handover::AUDIT_ACTION, Handover::NOTICE_ACTION, Handover::AUDIT_ACTION], $this->userAudit->actions());
        self::assertSame(
            ['bulk' => true, 'fromId' => self::OWNER, 'fromLogin' => 'alice', 'toId' => self::COLLEAGUE, 'toLogin' => 'carl'],
            $this->userAudit->rows[1]['details']
        );
    }

    public function testADeleteItemStartsTheDeletion(): void
    {
        $id = $this->withVm(Status::STOPPED, Steps::DONE);
        $this->pve->keepTasksRunning();

        $results = $this->bulkActions()->runFor(self::MANAGER, 'delete', [$id], []);

        self::assertSame([['id' => $id, 'ok' => true, 'status' => 'DELETING', 'ownerLogin' => 'alice']], $results);
        self::assertSame(['deployment.delete'], $this->userAudit->actions());
    }
}
