<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * A request that would exceed a RAM contingent; answered as 409 {@see ErrorCode::QUOTA_EXCEEDED}.
 */
final class QuotaViolation
{
    public const SCOPE_USER = 'user';
    public const SCOPE_GLOBAL = 'global';

    /**
     * @param self::SCOPE_* $scope
     */
    public function __construct(
        public readonly string $scope,
        public readonly int $limitMb,
        public readonly int $usedMb,
        public readonly int $requestedMb,
    ) {
        if ($scope !== self::SCOPE_USER && $scope !== self::SCOPE_GLOBAL) {
            throw new \InvalidArgumentException(sprintf('Unknown quota scope: %s', $scope));
        }
    }

    /**
     * The error's `data` for the REST response (the REST layer adds `status`).
     *
     * @return array{scope: string, limitMb: int, usedMb: int, requestedMb: int}
     */
    public function toArray(): array
    {
        return [
            'scope' => $this->scope,
            'limitMb' => $this->limitMb,
            'usedMb' => $this->usedMb,
            'requestedMb' => $this->requestedMb,
        ];
    }
}
