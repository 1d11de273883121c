<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Domain;

/**
 * A request that would exceed a contingent; answered as 409 {@see ErrorCode::QUOTA_EXCEEDED}.
 * The user and global scopes count RAM in MB; the vms scope counts the owner's deployments that
 * hold a VM.
 */
final class QuotaViolation
{
    public const SCOPE_USER = 'user';
    public const SCOPE_GLOBAL = 'global';
    public const SCOPE_VMS = 'vms';

    /**
     * @param self::SCOPE_* $scope
     */
    public function __construct(
        public readonly string $scope,
        public readonly int $limit,
        public readonly int $used,
        public readonly int $requested,
    ) {
        if (!in_array($scope, [self::SCOPE_USER, self::SCOPE_GLOBAL, self::SCOPE_VMS], true)) {
            throw new \InvalidArgumentException(sprintf('Unknown quota scope: %s', $scope));
        }
    }

    public function countsRam(): bool
    {
        return $this->scope !== self::SCOPE_VMS;
    }

    /**
     * The error's `data` for the REST response (the REST layer adds `status`): RAM scopes name
     * their unit as CONTRACT §5 has it, the vms scope counts deployments.
     *
     * @return array{scope: string, limitMb: int, usedMb: int, requestedMb: int}|array{scope: string, limit: int, used: int, requested: int}
     */
    public function toArray(): array
    {
        $unit = $this->countsRam() ? 'Mb' : '';
        return [
            'scope' => $this->scope,
            'limit' . $unit => $this->limit,
            'used' . $unit => $this->used,
            'requested' . $unit => $this->requested,
        ];
    }
}
