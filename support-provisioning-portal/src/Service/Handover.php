<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\QuotaViolation;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Store\Ownership;
use SupportProvisioningPortal\Wiring;

/**
 * Hands deployments to another owner: by their owner or a manage_all holder, to a user with portal
 * access, within the receiver's contingents (docs/decisions/hand-over.md).
 */
final class Handover
{
    public const AUDIT_ACTION = 'deployment.transfer';
    public const NOTICE_ACTION = 'notice.transfer';

    public function __construct(
        private readonly DeploymentAccess $access,
        private readonly Members $members,
        private readonly RightsLookup $rights,
        private readonly Quota $quota,
        private readonly Ownership $ownership,
        private readonly DeploymentTable $rows,
        private readonly AuditContexts $audit,
        private readonly UserAudit $userAudit,
    ) {
    }

    /**
     * @throws ServiceError 404 invisible or unknown receiver, 403 neither owner nor manager, 409 busy or
     *     over the receiver's quota, 422 receiver without portal access
     */
    public static function transfer(int $actorId, int $id, string $receiver): DeploymentRecord
    {
        return Wiring::handover()->transferFor($actorId, $id, $receiver);
    }

    /** @return int how many deployments moved (see reassignAllOf()) */
    public static function reassignAll(\WP_User $from, \WP_User $to, string $reason): int
    {
        return Wiring::handover()->reassignAllOf(['id' => $from->ID, 'login' => $from->user_login], ['id' => $to->ID, 'login' => $to->user_login], $reason);
    }

    /**
     * @throws ServiceError 404 invisible or unknown receiver, 403 neither owner nor manager, 409 busy or
     *     over the receiver's quota, 422 receiver without portal access
     */
    public function transferFor(int $actorId, int $id, string $receiver): DeploymentRecord
    {
        // Whoever may manage a deployment's shares may hand it over: its owner and manage_all holders.
        $d = $this->access->check($actorId, $id, Action::SHARE);
        $to = $this->members->named($receiver) ?? throw ServiceError::fromCode(ErrorCode::USER_NOT_FOUND);
        $this->audit->current()->describe('deployment', $id, $id, self::details(['id' => $d->ownerId, 'login' => $d->ownerLogin], $to));
        if ($d->status === Status::DELETING) {
            throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
        }
        if (!in_array(Right::PORTAL_ACCESS, $this->rights->effective($to['id']), true)) {
            throw ServiceError::fromCode(ErrorCode::TRANSFER_TARGET_WITHOUT_ACCESS);
        }
        if ($to['id'] !== $d->ownerId) {
            $moved = $this->quota->transfer(
                $to['id'],
                fn (): array => $this->ownership->holding($id) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND),
                fn (): bool => $this->ownership->move($id, $d->ownerId, $to['id'])
            );
            if ($moved instanceof QuotaViolation) {
                throw Deployments::quotaError($moved);
            }
            if (!$moved) {
                throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_BUSY);
            }
            $this->notify($id, $to, $d->ownerLogin);
        }
        return $this->rows->find($id, $actorId) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
    }

    /**
     * A user leaves the site: every deployment they own goes to $to without a quota check (the
     * deployments must not point at nobody), one audit row each keeping the former owner's login.
     *
     * @param array{id: int, login: string} $from
     * @param array{id: int, login: string} $to
     * @return int how many deployments moved
     */
    public function reassignAllOf(array $from, array $to, string $reason): int
    {
        $moved = 0;
        foreach ($this->ownership->ownedBy($from['id']) as $owned) {
            if (!$this->ownership->move($owned['id'], $from['id'], $to['id'], true)) {
                continue;
            }
            $moved++;
            $this->userAudit->record(self::AUDIT_ACTION, 'deployment', $owned['id'], $owned['id'], AuditTrail::SUCCESS, [
                'reason' => $reason,
                'status' => $owned['status'],
            ] + self::details($from, $to));
            $this->notify($owned['id'], $to, $from['login']);
        }
        return $moved;
    }

    /**
     * @param array{id: int, login: string} $from
     * @param array{id: int, login: string} $to
     * @return array{fromId: int, fromLogin: string, toId: int, toLogin: string}
     */
    private static function details(array $from, array $to): array
    {
        return ['fromId' => $from['id'], 'fromLogin' => $from['login'], 'toId' => $to['id'], 'toLogin' => $to['login']];
    }

    /**
     * Tells the receiver: an audit row the receiver's managers can see, from which
     * Mail\Notifications mails the receiver when the request ends (one mail per receiver, listing
     * every deployment handed to them in the request; none to the acting user themself).
     *
     * @param array{id: int, login: string} $to
     */
    private function notify(int $id, array $to, string $fromLogin): void
    {
        $this->userAudit->record(self::NOTICE_ACTION, 'user', $to['id'], $id, AuditTrail::SUCCESS, [
            'toLogin' => $to['login'],
            'fromLogin' => $fromLogin,
        ]);
    }
}
