<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * What one caller may do to one deployment now (CONTRACT §3 and §4).
 *
 * Checks run in the order the REST API answers them:
 * 1. the route's right ({@see Action::requiredRight()}; `portal_access` for every action) → 403 `rest_forbidden`;
 * 2. visibility (owner, shared, or `manage_all`) and not DELETED → 404 `spp_deployment_not_found`;
 * 3. relation: delete and share need the owner or `manage_all` → 403 `rest_forbidden`;
 * 4. status → 409:
 *    - PROVISIONING, DELETING: `spp_deployment_busy` for everything but view and share;
 *    - FAILED: only delete; anything else `spp_deployment_failed`;
 *    - EXPIRED: only prolong and delete; start, stop, refresh IPs `spp_deployment_expired`;
 *    - made on another connection (the mock before a switch to HTTP, another cluster): only
 *      delete, which removes the record; anything else `spp_vm_other_connection`;
 *    - prolong of a never-expire deployment: `spp_deployment_never_expires`;
 *    - STOPPED or RUNNING with a snapshot, rollback or snapshot deletion in flight: only prolong;
 *      anything else `spp_deployment_busy`.
 *
 * View and share touch no VM, so the status never blocks them on a visible deployment.
 * Start on RUNNING and stop on STOPPED are allowed (200) but are no-ops ({@see self::isNoOp()}),
 * so {@see self::allowedActions()} leaves them out.
 */
final class DeploymentPolicy
{
    private const ALLOWED_KEPT = 256;

    /** @var array<string, list<string>> allowedActions() by everything it depends on */
    private static array $allowed = [];

    /**
     * @param Relation $relation the caller's relation to the deployment
     * @param list<Right> $rights the caller's effective rights ({@see RightsResolver::effectiveRights()})
     * @param Status $status the deployment's status
     * @param bool $neverExpire whether the deployment never expires
     * @param bool $otherConnection whether its VM was made on a connection other than the current one
     * @param bool $stepPending whether background work (a snapshot step) runs on a STOPPED or RUNNING deployment
     */
    public function __construct(
        private readonly Relation $relation,
        private readonly array $rights,
        private readonly Status $status,
        private readonly bool $neverExpire,
        private readonly bool $otherConnection = false,
        private readonly bool $stepPending = false,
    ) {
    }

    /**
     * Why the caller may not take the action now, or null when they may.
     */
    public function refusal(Action $action): ?ErrorCode
    {
        if (!$this->has(Right::PORTAL_ACCESS) || !$this->has($action->requiredRight())) {
            return ErrorCode::FORBIDDEN;
        }
        if (!$this->isVisible()) {
            return ErrorCode::DEPLOYMENT_NOT_FOUND;
        }
        if (!$this->relationAllows($action)) {
            return ErrorCode::FORBIDDEN;
        }
        return $this->statusRefusal($action);
    }

    /**
     * Whether the action is allowed but changes nothing: start on RUNNING, stop on STOPPED.
     */
    public function isNoOp(Action $action): bool
    {
        return ($action === Action::START && $this->status === Status::RUNNING)
            || ($action === Action::STOP && $this->status === Status::STOPPED);
    }

    /**
     * The actions worth offering the caller now: allowed and not a no-op.
     *
     * @return list<string> {@see Action} values in enum order
     */
    public function allowedActions(): array
    {
        // A list asks for every row and gets a handful of distinct answers: each is worked out once.
        $key = sprintf(
            '%s|%s|%d%d%d|%s',
            $this->relation->name,
            $this->status->value,
            $this->neverExpire,
            $this->otherConnection,
            $this->stepPending,
            implode(',', array_map(static fn (Right $r): string => $r->value, $this->rights))
        );
        if (count(self::$allowed) >= self::ALLOWED_KEPT) {
            self::$allowed = [];
        }
        return self::$allowed[$key] ??= array_values(array_map(
            static fn (Action $action): string => $action->value,
            array_filter(Action::cases(), fn (Action $action): bool => $this->refusal($action) === null && !$this->isNoOp($action))
        ));
    }

    private function has(Right $right): bool
    {
        return in_array($right, $this->rights, true);
    }

    private function isVisible(): bool
    {
        return $this->status !== Status::DELETED
            && ($this->relation !== Relation::NONE || $this->has(Right::MANAGE_ALL));
    }

    private function relationAllows(Action $action): bool
    {
        if ($action === Action::DELETE || $action === Action::SHARE) {
            return $this->relation === Relation::OWNER || $this->has(Right::MANAGE_ALL);
        }
        return true;
    }

    private function statusRefusal(Action $action): ?ErrorCode
    {
        if ($action === Action::VIEW || $action === Action::SHARE) {
            return null;
        }
        if ($this->status->isBusy() || ($this->stepPending && $action !== Action::PROLONG && in_array($this->status, [Status::STOPPED, Status::RUNNING], true))) {
            return ErrorCode::DEPLOYMENT_BUSY;
        }
        if ($action === Action::DELETE) {
            return null;
        }
        if ($this->otherConnection) {
            return ErrorCode::VM_OTHER_CONNECTION;
        }
        if ($this->status === Status::FAILED) {
            return ErrorCode::DEPLOYMENT_FAILED;
        }
        if ($action === Action::PROLONG) {
            return $this->neverExpire ? ErrorCode::DEPLOYMENT_NEVER_EXPIRES : null;
        }
        if ($this->status === Status::EXPIRED) {
            return ErrorCode::DEPLOYMENT_EXPIRED;
        }
        return null;
    }
}
