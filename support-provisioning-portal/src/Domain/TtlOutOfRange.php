<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * A TTL or prolongation outside what the template allows; answered as
 * 400 {@see ErrorCode::TTL_OUT_OF_RANGE} with `minHours`/`maxHours` in the error data.
 */
final class TtlOutOfRange extends \DomainException
{
    /**
     * @param int $requestedHours the hours the caller asked for
     * @param int $maxHours the most hours allowed now; 0 when a prolongation is already
     *                      at the template's maximum
     */
    public function __construct(public readonly int $requestedHours, public readonly int $maxHours)
    {
        parent::__construct(sprintf(
            'TTL of %d hours is out of range; allowed: %d to %d hours.',
            $requestedHours,
            TtlPolicy::MIN_HOURS,
            $maxHours
        ));
    }

    public function errorCode(): ErrorCode
    {
        return ErrorCode::TTL_OUT_OF_RANGE;
    }

    /**
     * @return array{minHours: int, maxHours: int}
     */
    public function errorData(): array
    {
        return ['minHours' => TtlPolicy::MIN_HOURS, 'maxHours' => $this->maxHours];
    }
}
